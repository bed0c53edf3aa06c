// What the two panes show, computed from the findings: one row per group with its counts, and the
// findings of the selected group (problems first, optionally problems only). Pure, so it is tested alone.
import { countStatuses, FINDING_GROUPS, GROUP_TITLES, isProblem, problemsFirst, type Finding, type FindingGroup, type StatusCounts } from '../../../core/host/finding.js';

export interface GroupRow {
  group: FindingGroup;
  title: string;
  counts: StatusCounts;
}

/** One row per group that has findings, in the house order. */
export function groupRows(findings: readonly Finding[]): GroupRow[] {
  return FINDING_GROUPS.map((group) => {
    const items = findings.filter((f) => f.group === group);
    return { group, title: GROUP_TITLES[group], counts: countStatuses(items) };
  }).filter((row) => row.counts.pass + row.counts.warn + row.counts.fail + row.counts.info > 0);
}

/** The findings a group shows: problems first; only problems when filtered. */
export function groupFindings(findings: readonly Finding[], group: FindingGroup | undefined, problemsOnly: boolean): Finding[] {
  const items = problemsFirst(findings.filter((f) => f.group === group));
  return problemsOnly ? items.filter(isProblem) : items;
}

/** Where to start: the first group with a failure, else with a warning, else the first. */
export function initialGroup(rows: readonly GroupRow[]): number {
  const fail = rows.findIndex((r) => r.counts.fail > 0);
  if (fail >= 0) return fail;
  const warn = rows.findIndex((r) => r.counts.warn > 0);
  return warn >= 0 ? warn : 0;
}
