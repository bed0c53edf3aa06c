// Past builds as ETA history: every finished build's record (package timings) read from the state
// folder and grouped by package, as the estimator in core wants it.
import { recordsAsMerges } from '../../../core/build/build-record.js';
import { buildHistory, type BuildHistory } from '../../../core/portage/eta/eta.js';
import { listRecords } from '../../../engine/build/build-store.js';

/** History from the records under XDG_STATE_HOME (empty history when there are none). */
export async function loadBuildHistory(env: NodeJS.ProcessEnv = process.env): Promise<BuildHistory> {
  return buildHistory(recordsAsMerges(await listRecords(env)));
}

/** History with nothing in it: every estimate falls back to the estimator's defaults. */
export const EMPTY_HISTORY: BuildHistory = buildHistory([]);
