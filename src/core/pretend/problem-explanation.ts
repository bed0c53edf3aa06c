// What a pretend problem means in words: the shape every explainer (blockers, missing ebuilds,
// binhost failures, …) returns and every reader (verdict, report, screen) shows.
import type { ProblemKind } from '../portage/pretend/pretend-types.js';

export interface ProblemExplanation {
  kind: ProblemKind;
  /**
   * Errors stop the build; warnings do not (skipped updates, a satisfied fetch restriction). A fetch
   * restriction whose files are missing is an error (the build fails fetching) that Portage itself
   * does not refuse: the verdict says "download first", not "Portage refuses".
   */
  severity: 'error' | 'warning';
  /** One line: `dev-libs/libressl blocks dev-libs/openssl`. */
  title: string;
  /** Sentences: what is wrong and why. */
  text: string;
  /** What to change, or null when there is nothing specific to say. */
  fix: string | null;
  /** Portage's own lines for this problem, colour removed. */
  portageLines: string[];
  /** The changes Portage asks for (the run's `changes`) are the fix: applying them is all it takes. */
  byChanges?: boolean;
}
