// Turns HostFacts into the full list of findings, group by group, plus the recommendations the
// recipe and the build take as defaults.
import { binhostFindings } from './binhost-rules.js';
import { cgroupFindings } from './cgroup-rules.js';
import { cpuV3 } from './cpu-level.js';
import { engineFindings } from './engine-rules.js';
import type { HostFacts } from './facts.js';
import { countStatuses, FINDING_GROUPS, type Finding, type FindingGroup, type StatusCounts } from './finding.js';
import { kernelFindings } from './kernel-rules.js';
import { permissionFindings } from './permission-rules.js';
import { podmanFindings } from './podman-rules.js';
import { probeFindings, recommendFeatures, type FeaturesAdvice } from './probe-rules.js';
import { rootlessFindings } from './rootless-rules.js';
import { recommendSizing, sizingFindings, type SizingRecommendation } from './sizing.js';

export interface HostCheckResult {
  findings: Finding[];
  counts: StatusCounts;
  /** True when nothing failed (warnings allowed): `check` exits 0, the wizard moves on without asking. */
  ok: boolean;
  sizing: SizingRecommendation;
  features: FeaturesAdvice;
  /** The engine's CPU runs x86-64-v3 code; null when unknown (no probe, not x86). */
  cpuV3: boolean | null;
}

/** The sizing for the machine that will build: the engine's host when known, else this one. */
function sizingFor(f: HostFacts): SizingRecommendation {
  if (f.engine.reachable && f.engine.ncpu !== null) return recommendSizing(f.engine.ncpu, f.engine.memTotalBytes, 'engine');
  return recommendSizing(f.system.cpus, f.system.memTotalBytes, 'local');
}

/** Every finding for these facts, in group order (optionally only some groups). */
export function evaluateHost(f: HostFacts, groups: readonly FindingGroup[] = FINDING_GROUPS): HostCheckResult {
  const sizing = sizingFor(f);
  const features = recommendFeatures(f.probe);
  const rootless = (f.engine.reachable && f.engine.rootless) || f.rootlessAsked;
  const byGroup: Record<FindingGroup, () => Finding[]> = {
    engine: () => engineFindings(f.engine, f.kernel.release, f.system.init),
    permissions: () => permissionFindings(f.socket, f.user, f.engine),
    kernel: () => kernelFindings(f.kernel),
    cgroups: () => cgroupFindings(f.cgroup, { rootless, init: f.system.init }),
    rootless: () => rootlessFindings(f),
    podman: () => podmanFindings(f.podman, f.engine, f.user.programs.podman !== null),
    sizing: () => sizingFindings(sizing),
    container: () => probeFindings(f.probe),
    binhosts: () => binhostFindings(f.binhosts ?? []),
  };
  const findings = FINDING_GROUPS.filter((g) => groups.includes(g)).flatMap((g) => byGroup[g]());
  const counts = countStatuses(findings);
  const v3 = cpuV3(f.probe);
  return { findings, counts, ok: counts.fail === 0, sizing, features, cpuV3: v3.known ? v3.v3 : null };
}
