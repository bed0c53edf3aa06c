// What a host check says: one finding per thing checked, with why it matters and how to fix it.
// The screen, `gentoo-wb check` and its JSON all show these values; nothing else carries verdicts.

export type FindingStatus = 'pass' | 'warn' | 'fail' | 'info';

/** The sections of the Host screen and of `gentoo-wb check`, in display order. */
export const FINDING_GROUPS = ['engine', 'permissions', 'kernel', 'cgroups', 'rootless', 'podman', 'sizing', 'container', 'binhosts'] as const;
export type FindingGroup = (typeof FINDING_GROUPS)[number];

/** Headings for each group. */
export const GROUP_TITLES: Record<FindingGroup, string> = {
  engine: 'Engine',
  permissions: 'Permissions',
  kernel: 'Kernel',
  cgroups: 'cgroups',
  rootless: 'Rootless',
  podman: 'Podman',
  sizing: 'Sizing',
  container: 'Container probe',
  binhosts: 'Binhosts',
};

export type FindingValue = string | number | boolean | null;

export interface Finding {
  /** Stable id: `eng.storage`, `kernel.CONFIG_VETH`, `cg.mode`… */
  id: string;
  group: FindingGroup;
  status: FindingStatus;
  /** One line: what was found. */
  title: string;
  /** Why it matters, one or two sentences. */
  detail: string;
  /** Exact commands as a shell snippet; lines starting with `#` are explanations, safe to paste. */
  fix: string[];
  /** The measured value scripts compare against (`y`/`m`/null for kernel options, the driver name…). */
  value: FindingValue;
  /** The kernel version condition under which this check applies, when it has one ("kernel ≥ 4.15"). */
  gate?: string;
  /** Only this feature needs what was checked ("swarm-mode services…"): builds without it are unaffected. */
  onlyFor?: string;
}

/** Order of statuses when problems come first. */
const STATUS_RANK: Record<FindingStatus, number> = { fail: 0, warn: 1, info: 2, pass: 3 };

/** Problems are what the user should look at: failures and warnings. */
export function isProblem(f: Finding): boolean {
  return f.status === 'fail' || f.status === 'warn';
}

export type StatusCounts = Record<FindingStatus, number>;

/** Count findings per status. */
export function countStatuses(findings: readonly Finding[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, warn: 0, fail: 0, info: 0 };
  for (const f of findings) counts[f.status] += 1;
  return counts;
}

/** Stable sort: failures, then warnings, then info, then passes; ties keep check order. */
export function problemsFirst(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => STATUS_RANK[a.f.status] - STATUS_RANK[b.f.status] || a.i - b.i)
    .map(({ f }) => f);
}

/** The group named on a command line (`engine`, `Kernel`, `cgroup`, `probe`…), or null. */
export function parseGroupName(name: string): FindingGroup | null {
  const n = name.trim().toLowerCase();
  const aliases: Record<string, FindingGroup> = {
    engine: 'engine', permissions: 'permissions', permission: 'permissions', perms: 'permissions',
    kernel: 'kernel', cgroups: 'cgroups', cgroup: 'cgroups', rootless: 'rootless', podman: 'podman',
    sizing: 'sizing', container: 'container', probe: 'container',
  };
  return aliases[n] ?? null;
}

/** A finding, with `fix` defaulting to nothing to do. */
export function finding(f: Omit<Finding, 'fix'> & { fix?: string[] }): Finding {
  return { ...f, fix: f.fix ?? [] };
}
