// The words for a binary that failed its checksum and was compiled instead (onMissing `compile`), in one
// place for the --plain line, the end-of-build note and the record's forecast-vs-actual.

function from(hosts: readonly string[]): string {
  return `binary from ${hosts.length > 0 ? hosts.join(', ') : 'a binhost'} failed its checksum`;
}

/** After the fact: `binary from served-x failed its checksum: compiled instead` (hosts: binrepos.conf sections). */
function binaryFallbackNote(hosts: readonly string[]): string {
  return `${from(hosts)}: compiled instead`;
}

/** As it happens: `app-misc/x: binary from served-x failed its checksum: compiling it from source`. */
export function binaryFallbackLine(cp: string, hosts: readonly string[]): string {
  return `${cp}: ${from(hosts)}: compiling it from source`;
}

/** The note for a finished package when its binary was refused and it compiled (`cpv`: CATEGORY/PF), else null. */
export function fallbackNoteOf(cpv: string, binary: boolean, fallbacks: readonly { cp: string; hosts: string[] }[]): string | null {
  if (binary) return null;
  const hosts = fallbacks.filter((f) => cpv.startsWith(`${f.cp}-`) && /^\d/.test(cpv.slice(f.cp.length + 1))).flatMap((f) => f.hosts);
  return hosts.length > 0 ? binaryFallbackNote([...new Set(hosts)]) : null;
}
