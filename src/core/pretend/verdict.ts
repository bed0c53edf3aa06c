// What a pretend run means for the build: it can go ahead, Portage wants configuration changes
// first, or Portage refuses (with the first reason in words).
import type { PretendResult } from '../portage/pretend/pretend-types.js';
import { explainProblems, problemLine, type ExplainContext } from './explain-problems.js';
import type { ProblemExplanation } from './problem-explanation.js';
import type { Recipe } from '../recipe/recipe-schema.js';

export type PretendVerdict =
  /** emerge accepted the list: the build can start. */
  | { kind: 'mergeable'; packages: number; warnings: ProblemExplanation[] }
  /** Everything asked for is already installed. */
  | { kind: 'nothing-to-merge'; warnings: ProblemExplanation[] }
  /** Portage proposes package.* changes (autounmask); applying them may be all it takes. */
  | { kind: 'needs-changes'; changes: number; problems: ProblemExplanation[] }
  /**
   * Portage accepts the list, but fetch-restricted files are missing from the distfiles cache: the
   * build would fail fetching them until they are downloaded by hand.
   */
  | { kind: 'needs-downloads'; packages: number; downloads: ProblemExplanation[]; warnings: ProblemExplanation[] }
  /** Portage refuses: blockers, conflicts, missing or masked packages, or an emerge failure. */
  | { kind: 'refused'; reason: string; problems: ProblemExplanation[] };

/** The last lines emerge printed that the parser did not place (a crash, an unknown error). */
function unexplainedTail(result: PretendResult): string {
  const lines = result.unknown.map((u) => u.text.trim()).filter(Boolean);
  return lines.slice(-3).join(' | ');
}

/** Judge a run from its parsed output and emerge's exit code. */
export function pretendVerdict(result: PretendResult, text: string, exitCode: number, recipe?: Recipe, context: ExplainContext = {}): PretendVerdict {
  const explained = explainProblems(result, text, recipe, context);
  // An error whose fix is one of Portage's requested changes (a USE change printed as "no ebuilds
  // built with USE flags") asks for changes like an autounmask section; only the others refuse.
  // Missing fetch-restricted files stop the build, but Portage accepts the list: they are a verdict of their own.
  const downloads = explained.filter((e) => e.severity === 'error' && e.kind === 'fetch-restricted');
  const errors = explained.filter((e) => e.severity === 'error' && e.kind !== 'fetch-restricted' && !(e.byChanges && result.changes.length > 0));
  const warnings = explained.filter((e) => e.severity === 'warning');
  if (errors.length > 0) return { kind: 'refused', reason: problemLine(errors[0]!), problems: explained };
  if (result.changes.length > 0) return { kind: 'needs-changes', changes: result.changes.length, problems: explained };
  if (exitCode !== 0) {
    const tail = unexplainedTail(result);
    const first = warnings[0] ?? downloads[0];
    const reason = first ? problemLine(first) : `emerge exited with status ${exitCode}${tail ? `: ${tail}` : ''}`;
    return { kind: 'refused', reason, problems: explained };
  }
  const merged = result.packages.filter((p) => p.kind !== 'blocks' && p.kind !== 'uninstall').length;
  if (downloads.length > 0) return { kind: 'needs-downloads', packages: merged, downloads, warnings };
  if (merged === 0) return { kind: 'nothing-to-merge', warnings };
  return { kind: 'mergeable', packages: merged, warnings };
}

/** One sentence for a verdict: the status line of the screen and the last line of the CLI. */
export function verdictLine(v: PretendVerdict): string {
  switch (v.kind) {
    case 'mergeable':
      return `Portage accepts the list: ${v.packages} package${v.packages === 1 ? '' : 's'} to merge${v.warnings.length ? ` (${v.warnings.length} warning${v.warnings.length === 1 ? '' : 's'})` : ''}`;
    case 'nothing-to-merge':
      return 'Nothing to merge: everything asked for is already installed';
    case 'needs-downloads': {
      // The title starts with the package's cpv ("app-misc/tool-1.0 must be downloaded by hand").
      const cpvs = v.downloads.map((d) => d.title.split(' ')[0] ?? d.title);
      return `Files to download by hand first: ${cpvs.join(', ')} (fetch-restricted)`;
    }
    case 'needs-changes':
      return `Portage needs ${v.changes} configuration change${v.changes === 1 ? '' : 's'} first (apply them to the recipe)`;
    case 'refused':
      return `Portage refuses: ${v.reason}`;
  }
}
