// Portage's own lines for a problem, cut from the raw capture: errors are shown as Portage printed
// them (no ebuilds, invalid atom, masked …) next to our explanation in words.
import { splitTerminalLines } from '../portage/terminal-text.js';
import type { PretendProblem } from '../portage/pretend/pretend-types.js';

const MAX_LINES = 16;

/** An autounmask section ("The following license changes are necessary to proceed:") is not part of a problem. */
const AUTOUNMASK_HEADER = /^The following \S+ changes are necessary to proceed:/;

function endsBlock(line: string): boolean {
  return line.startsWith(' * IMPORTANT: ') || line.startsWith('Total: ') || line.startsWith('These are the packages') || AUTOUNMASK_HEADER.test(line);
}

/**
 * The lines of `text` that belong to each problem (same order as `problems`): from the problem's
 * first line up to the next problem, two blank lines, a notice, an autounmask section or the merge
 * list, at most 16 lines.
 */
export function portageLinesOf(text: string, problems: readonly PretendProblem[]): string[][] {
  const lines = splitTerminalLines(text);
  const starts = new Set(problems.map((p) => p.line).filter((n) => n > 0));
  return problems.map((problem) => {
    if (problem.line <= 0) return [];
    const out: string[] = [];
    let blanks = 0;
    for (let i = problem.line - 1; i < lines.length && out.length < MAX_LINES; i++) {
      const line = (lines[i] ?? '').trimEnd();
      if (i > problem.line - 1 && (starts.has(i + 1) || endsBlock(line))) break;
      if (line === '') {
        blanks++;
        if (blanks >= 2) break;
      } else {
        blanks = 0;
      }
      out.push(line);
    }
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  });
}
