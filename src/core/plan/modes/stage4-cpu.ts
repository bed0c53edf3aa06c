// Stage4's CPU side: CFLAGS rewritten for a -march and optimisation level, the baseline the extra
// instruction sets are measured against, and the CPU facts a build step writes read back as labels.
import { LABEL } from '../../labels.js';
import { effectiveMakeConf } from '../shared-pieces.js';

const FLAG_VARS = ['COMMON_FLAGS', 'CFLAGS', 'CXXFLAGS', 'FCFLAGS', 'FFLAGS'] as const;
const TARGET_FLAG = /^(-march=|-mtune=|-mcpu=|-O([0-3sgz]|fast)?$)/;

/** A -march value that can go into make.conf and an argv as it is. */
export function marchProblem(march: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(march) ? null : `mode.march "${march}" is not a -march value (e.g. native, x86-64-v3, znver4)`;
}

function retarget(value: string, march: string, optimize: string): string {
  return [...value.split(/\s+/).filter((t) => t !== '' && !TARGET_FLAG.test(t)), `-march=${march}`, optimize].join(' ');
}

/**
 * make.conf with the compiler flags aimed at `march` and `optimize`: literal flag variables are
 * rewritten (old -march/-mtune/-O dropped); ones that only reference others (CFLAGS="${COMMON_FLAGS}")
 * follow on their own. If the result still lacks the -march, CFLAGS and CXXFLAGS are set outright.
 */
export function targetMakeConf(makeConf: Record<string, string>, march: string, optimize: string): Record<string, string> {
  const out = { ...makeConf };
  for (const key of FLAG_VARS) {
    const value = out[key];
    if (value !== undefined && !value.includes('$')) out[key] = retarget(value, march, optimize);
  }
  const want = `-march=${march}`;
  const eff = effectiveMakeConf(out);
  if (!(eff.CFLAGS ?? '').split(/\s+/).includes(want)) out.CFLAGS = retarget(eff.CFLAGS ?? '-pipe', march, optimize);
  if (!(eff.CXXFLAGS ?? '').split(/\s+/).includes(want)) out.CXXFLAGS = retarget(eff.CXXFLAGS ?? eff.CFLAGS ?? '-pipe', march, optimize);
  return out;
}

/** The -march the enabled-flag list is compared with, by CHOST (empty: list everything enabled). */
export function baselineMarch(chost: string): string {
  if (/^x86_64-/.test(chost)) return 'x86-64';
  if (/^i[3-6]86-/.test(chost)) return 'i686';
  if (/^aarch64-/.test(chost)) return 'armv8-a';
  return '';
}

export interface CpuFacts {
  march: string;
  /** What gcc resolved -march to (e.g. znver3), when gcc said. */
  resolved: string | null;
  /** gcc: instruction sets enabled beyond the baseline; cpuinfo: the engine host's CPU flags. */
  source: 'gcc' | 'cpuinfo' | 'none';
  flags: string[];
}

/** Parse the cpu-facts helper's key=value file. */
export function parseCpuFacts(text: string): CpuFacts {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const source = values.get('source');
  return {
    march: values.get('march') ?? '',
    resolved: values.get('resolved') || null,
    source: source === 'gcc' || source === 'cpuinfo' ? source : 'none',
    flags: (values.get('flags') ?? '').split(/\s+/).filter(Boolean),
  };
}

/**
 * Labels saying what CPU the image needs. Host flags (no gcc) describe the build machine, which is
 * what -march=native targets; for a named level only gcc's answer says which flags it means.
 */
export function cpuLabels(facts: CpuFacts): Record<string, string> {
  const labels: Record<string, string> = { [LABEL.march]: facts.resolved && facts.resolved !== facts.march ? `${facts.march} (${facts.resolved})` : facts.march };
  if (facts.source === 'gcc' || (facts.source === 'cpuinfo' && facts.march === 'native')) labels[LABEL.cpuFlags] = facts.flags.join(' ');
  return labels;
}

/** The warning the result pane and the log show for a stage4 image. */
export function cpuWarning(facts: CpuFacts): string {
  const what = facts.march === 'native' ? `the CPU of the machine that built it${facts.resolved ? ` (${facts.resolved})` : ''}` : `-march=${facts.march}`;
  return `built for ${what}: it needs a CPU with the same instruction sets and may crash with "illegal instruction" elsewhere`;
}
