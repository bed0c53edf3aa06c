// Whether the engine's CPU runs x86-64-v3 code (Gentoo's x86-64-v3 binary packages), from the
// `flags` line of /proc/cpuinfo that the container probe reads on the engine's machine. The levels
// are the x86-64 psABI's; the names are the kernel's (LZCNT shows as `abm`, and OSXSAVE as `xsave`:
// the kernel lists no osxsave).
import type { ProbeFacts } from './facts.js';
import { finding, type Finding } from './finding.js';

/** x86-64-v2 on top of the baseline: CMPXCHG16B, LAHF-SAHF, POPCNT, SSE3, SSE4.1, SSE4.2, SSSE3. */
const X86_64_V2_FLAGS = ['cx16', 'lahf_lm', 'popcnt', 'pni', 'sse4_1', 'sse4_2', 'ssse3'] as const;
/** x86-64-v3 on top of v2: AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT, MOVBE, OSXSAVE. */
const X86_64_V3_FLAGS = ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe', 'xsave'] as const;

export type CpuV3 = { known: false; reason: string } | { known: true; v3: boolean; missing: string[] };

/** x86-64-v3 support from the probe's CPU flags (unknown without a probe, or on a CPU that lists none). */
export function cpuV3(probe: ProbeFacts): CpuV3 {
  if (probe.state !== 'done') return { known: false, reason: probe.state === 'skipped' ? 'the container probe did not run' : 'the container probe failed' };
  const flags = probe.cpuFlags ?? null;
  if (flags === null) return { known: false, reason: 'the engine\'s /proc/cpuinfo lists no x86 flags (another architecture, or unreadable)' };
  const have = new Set(flags);
  const missing = [...X86_64_V2_FLAGS, ...X86_64_V3_FLAGS].filter((f) => !have.has(f));
  return { known: true, v3: missing.length === 0, missing };
}

/** The host-check finding: whether Gentoo's x86-64-v3 binary packages would run on the engine's CPU. */
export function cpuLevelFinding(probe: ProbeFacts): Finding {
  const v3 = cpuV3(probe);
  const id = 'cpu.x86-64-v3';
  if (!v3.known) {
    return finding({ id, group: 'container', status: 'info', value: null, title: 'CPU level unknown: x86-64-v3 binary packages not offered', detail: `${v3.reason}; Gentoo's x86-64 binary packages run on any amd64 CPU.` });
  }
  if (v3.v3) {
    return finding({ id, group: 'container', status: 'pass', value: true, title: 'The engine\'s CPU runs x86-64-v3 code', detail: 'Gentoo\'s x86-64-v3 binary packages (AVX2, BMI2, FMA …) run here and are usually faster than the x86-64 ones; a recipe may choose them (--binhost gentoo-v3).' });
  }
  return finding({ id, group: 'container', status: 'info', value: false, title: 'The engine\'s CPU does not run x86-64-v3 code', detail: `It lacks ${v3.missing.join(', ')} (kernel flag names); Gentoo's x86-64 binary packages run here, the x86-64-v3 ones would crash with "illegal instruction".` });
}
