// Kernel releases as comparable numbers, and the version gates some kernel options carry.

/** Major and minor of a kernel release ("6.18.44-gentoo" → [6, 18]); null when unreadable. */
export function kernelMajorMinor(release: string | null | undefined): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(release ?? '');
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** A condition on the running kernel's major.minor under which a check applies. */
export interface KernelGate {
  op: '<' | '<=' | '>=';
  version: [number, number];
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Does the gate hold for this kernel? Unknown kernels get every check (better a needless hint than a silent gap). */
export function gateApplies(gate: KernelGate, release: string | null): boolean {
  const v = kernelMajorMinor(release);
  if (v === null) return true;
  const c = compare(v, gate.version);
  return gate.op === '<' ? c < 0 : gate.op === '<=' ? c <= 0 : c >= 0;
}

/** "kernel ≥ 4.15" (or ASCII ">=") for messages. */
export function gateText(gate: KernelGate): string {
  const op = gate.op === '<' ? '<' : gate.op === '<=' ? '≤' : '≥';
  return `kernel ${op} ${gate.version[0]}.${gate.version[1]}`;
}

/** Does the config header's version belong to this release? "6.12.1" matches "6.12.1-gentoo", not "6.12.10". */
export function headerMatchesRelease(headerVersion: string, release: string): boolean {
  if (!release.startsWith(headerVersion)) return false;
  const next = release.charAt(headerVersion.length);
  return next === '' || !/[0-9]/.test(next);
}
