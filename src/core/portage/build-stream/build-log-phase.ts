// The phase a package is in, read from a line of its own build.log (`/var/tmp/portage/CAT/PF/temp/
// build.log`). With `--jobs N` emerge prints no phases on its own output, so the package's log is
// where they are: `>>> Unpacking source...`, `>>> Compiling source in …`, `>>> Install … into …`,
// `>>> Completed installing … into …` (built: from here on the package waits for the merge),
// `>>> Merging … to /`, the merged-file list (`>>> /usr/bin/…`) and `>>> cpv merged.`.
import { BUILD_PHASES, type BuildPhase } from '../../events.js';
import { stripAnsi } from '../terminal-text.js';
import { classifyBuildLine } from './build-line.js';

/** The phase a build.log line puts its package in; a finished phase means the next one runs. */
export function phaseOfBuildLogLine(line: string): BuildPhase | null {
  const text = line.indexOf('\x1b') >= 0 ? stripAnsi(line) : line;
  if (!text.startsWith('>>> ')) return null;
  // Lines the main-stream classifier leaves alone because they mean nothing there.
  if (text.startsWith('>>> Unpacking ')) return 'unpack';
  if (text.charCodeAt(4) === 47 /* / */ || text.startsWith('>>> Regenerating ') || text.endsWith(' merged.')) return 'merge';
  const fact = classifyBuildLine(text);
  if (fact.kind !== 'phase') return null;
  if (!fact.done) return fact.phase;
  return BUILD_PHASES[BUILD_PHASES.indexOf(fact.phase) + 1] ?? fact.phase;
}
