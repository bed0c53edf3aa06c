// The words for a binary that failed its checksum or its signature and was compiled instead (onMissing
// `compile`), in one place for the --plain line, the end-of-build note and the record's forecast-vs-actual.

type Refusal = 'checksum' | 'signature';

function from(hosts: readonly string[], reason: Refusal = 'checksum'): string {
  return `binary from ${hosts.length > 0 ? hosts.join(', ') : 'a binhost'} failed its ${reason === 'signature' ? 'signature check' : 'checksum'}`;
}

/** After the fact: `binary from served-x failed its checksum: compiled instead` (hosts: binrepos.conf sections). */
function binaryFallbackNote(hosts: readonly string[], reason?: Refusal): string {
  return `${from(hosts, reason)}: compiled instead`;
}

/** As it happens: `app-misc/x: binary from served-x failed its signature check: compiling it from source`. */
export function binaryFallbackLine(cp: string, hosts: readonly string[], reason?: Refusal): string {
  return `${cp}: ${from(hosts, reason)}: compiling it from source`;
}

/** The note for a finished package when its binary was refused and it compiled (`cpv`: CATEGORY/PF), else null. */
export function fallbackNoteOf(cpv: string, binary: boolean, fallbacks: readonly { cp: string; hosts: string[]; reason?: Refusal }[]): string | null {
  if (binary) return null;
  const mine = fallbacks.filter((f) => cpv.startsWith(`${f.cp}-`) && /^\d/.test(cpv.slice(f.cp.length + 1)));
  const hosts = mine.flatMap((f) => f.hosts);
  if (hosts.length === 0) return null;
  // The signature is named when it was what failed (a package may fail both, on two binhosts).
  return binaryFallbackNote([...new Set(hosts)], mine.some((f) => f.reason === 'signature') ? 'signature' : 'checksum');
}
