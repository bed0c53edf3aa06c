// How many jobs a build should run: the recipe's MAKEOPTS and emerge --jobs defaults come from here.
import { humanSize } from '../format/size.js';
import { finding, type Finding } from './finding.js';

const GIB = 1024 ** 3;
/** (proposal) Memory one compiler job may take in a heavy C++ build. */
const MEMORY_PER_JOB_BYTES = 2 * GIB;

/** Jobs for the recipe: MAKEOPTS and EMERGE_DEFAULT_OPTS values, and the budget they split. */
export interface SizingRecommendation {
  cpus: number;
  memTotalBytes: number | null;
  /** max(1, min(CPUs, memory / 2 GiB)): compiler processes the machine can carry at once. */
  budget: number;
  /** Parallel make jobs inside one package. */
  makeJobs: number;
  /** Packages emerge builds at once; makeJobs × emergeJobs ≤ budget. */
  emergeJobs: number;
  /** Load average limit for make and emerge: CPUs + 1. */
  loadAverage: number;
  /** `-j2 -l3` */
  makeopts: string;
  /** `--jobs=1 --load-average=3` */
  emergeOpts: string;
  /** Where CPUs and memory were read: the engine's host, or this machine. */
  source: 'engine' | 'local';
}

/** The sizing for a machine with these CPUs and memory (null memory: CPUs alone decide). */
export function recommendSizing(cpus: number, memTotalBytes: number | null, source: SizingRecommendation['source'] = 'local'): SizingRecommendation {
  const n = Math.max(1, Math.floor(cpus));
  const byMemory = memTotalBytes === null ? n : Math.floor(memTotalBytes / MEMORY_PER_JOB_BYTES);
  const budget = Math.max(1, Math.min(n, byMemory));
  // Split the budget between packages and make jobs: the square root keeps both useful
  // (one huge package still compiles in parallel, many small ones overlap their configure runs).
  const emergeJobs = Math.max(1, Math.floor(Math.sqrt(budget)));
  const makeJobs = Math.max(1, Math.floor(budget / emergeJobs));
  const loadAverage = n + 1;
  return {
    cpus: n, memTotalBytes, budget, makeJobs, emergeJobs, loadAverage, source,
    makeopts: `-j${makeJobs} -l${loadAverage}`,
    emergeOpts: `--jobs=${emergeJobs} --load-average=${loadAverage}`,
  };
}

/** The Sizing group: the recommendation as findings the user can copy. */
export function sizingFindings(s: SizingRecommendation): Finding[] {
  const mem = s.memTotalBytes === null ? 'unknown memory' : humanSize(s.memTotalBytes);
  const where = s.source === 'engine' ? 'the engine\'s host' : 'this machine';
  return [
    finding({
      id: 'size.makeopts', group: 'sizing', status: 'info', value: s.makeopts,
      title: `MAKEOPTS="${s.makeopts}"`,
      detail: `${s.cpus} CPUs and ${mem} on ${where} carry ${s.budget} compiler job${s.budget === 1 ? '' : 's'} at about ${humanSize(MEMORY_PER_JOB_BYTES)} each. CPU quotas of cgroups are not counted. The recipe starts with this.`,
      fix: [`MAKEOPTS="${s.makeopts}"   # /etc/portage/make.conf in the build`],
    }),
    finding({
      id: 'size.jobs', group: 'sizing', status: 'info', value: s.emergeJobs,
      title: `emerge ${s.emergeOpts}`,
      detail: `${s.emergeJobs} package${s.emergeJobs === 1 ? '' : 's'} at once × ${s.makeJobs} make job${s.makeJobs === 1 ? '' : 's'} stays within the budget of ${s.budget}; the load limit keeps the host usable.`,
      fix: [`EMERGE_DEFAULT_OPTS="${s.emergeOpts}"   # /etc/portage/make.conf in the build`],
    }),
  ];
}
