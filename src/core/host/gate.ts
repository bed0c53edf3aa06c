// What the failures of a host check mean for builds, as one verdict: nothing failed; something
// failed that breaks builds; or only kernel options are missing while the engine itself answers
// (moby's check-config.sh lists some options "generally necessary" that Docker runs without).
// `gentoo-wb check` exits with it; the Host screen words its question with it, and remembers an
// answer per host, kernel and set of failing checks (`gateKey`).
import type { Finding } from './finding.js';
import type { HostCheckResult } from './evaluate.js';

export type CheckVerdict = 'pass' | 'broken' | 'kernel-only';

/** `gentoo-wb check` exit codes (2 is a usage mistake, as for every command). */
export const CHECK_EXIT: Record<CheckVerdict, number> = { pass: 0, broken: 1, 'kernel-only': 3 };

/** A missing kernel option (not the config file, storage or limits findings). */
function isKernelOption(f: Finding): boolean {
  return f.id.startsWith('kernel.CONFIG_');
}

/** The engine answered (ping) and no container run failed: Docker works here. */
function engineWorks(findings: readonly Finding[]): boolean {
  const ping = findings.find((f) => f.id === 'conn.ping');
  const run = findings.find((f) => f.id === 'probe.run');
  return ping?.status === 'pass' && run?.status !== 'fail';
}

/** The verdict of a check: see CHECK_EXIT. */
export function checkVerdict(result: Pick<HostCheckResult, 'findings'>): CheckVerdict {
  const failed = result.findings.filter((f) => f.status === 'fail');
  if (failed.length === 0) return 'pass';
  return failed.every(isKernelOption) && engineWorks(result.findings) ? 'kernel-only' : 'broken';
}

/** What the failures would really affect, in a sentence for the question before moving on. */
export function gateImpact(result: Pick<HostCheckResult, 'findings'>): string {
  const verdict = checkVerdict(result);
  if (verdict === 'broken') return 'Builds on this host will likely fail until these are fixed.';
  if (verdict === 'pass') return 'Nothing failed.';
  const features = [...new Set(result.findings.filter((f) => f.status === 'fail' && f.onlyFor).map((f) => f.onlyFor!))];
  const named = features.length > 0 ? ` Only these need them: ${features.join('; ')}.` : '';
  return `The engine runs containers here without these kernel options, so builds should work.${named}`;
}

/** Where an "I know" answer is remembered: this host, this kernel, these failing checks. */
export function gateKey(hostname: string, release: string | null, failures: readonly Finding[]): string {
  return `${hostname} ${release ?? '?'} ${failures.map((f) => f.id).sort().join(',')}`;
}
