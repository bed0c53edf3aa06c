// Where a failed package's build.log says what went wrong. Its end is emerge's boilerplate ("If you
// need support…", the log's path, the working directory); the compiler's own `error:` line sits
// above die()'s "* ERROR: … failed (compile phase)". So the view opens on the first error line of
// the failing phase: after the last `>>> Compiling source…` (or whichever phase died), the first
// `error:` / `Error` / `ERROR:` line; when the phase printed none, the `* ERROR: … failed` line.
import { stripAnsi } from '../terminal-text.js';

const DIE = /^\s*\* ERROR: \S+ failed \((\w+) phase\)/;
/** Words of a compiler, make, linker, configure or Python error; `\bError\b` also catches make's "Error 1". */
const ERROR_WORD = /\berror:|\bError\b|\bERROR:|\bfatal error\b/;

/** `>>> …` lines that start each ebuild phase, by the phase name die() uses. */
const PHASE_START: Record<string, RegExp> = {
  unpack: /^>>> Unpacking source/,
  prepare: /^>>> Preparing source/,
  configure: /^>>> Configuring source/,
  compile: /^>>> Compiling source/,
  test: /^>>> Test phase/,
  install: /^>>> Install /,
};
/** Any phase start, for a die() in a phase not listed (pretend, setup, preinst…). */
const ANY_START = /^>>> (Unpacking|Preparing|Configuring|Compiling|Test phase|Install )/;

/**
 * Index of the line a failed package's log should open on: the first error line of the failing
 * phase, else die()'s `* ERROR: … failed (… phase)` line; null when the log has no die() line.
 */
export function failureStartLine(lines: readonly string[]): number | null {
  const plain = lines.map((l) => (l.indexOf('\x1b') >= 0 ? stripAnsi(l) : l).replace(/\r$/, ''));
  // The first die() line: the "Messages for package" summary repeats it further down.
  const die = plain.findIndex((l) => DIE.test(l));
  if (die === -1) return null;
  const phase = DIE.exec(plain[die]!)![1]!;
  const start = PHASE_START[phase] ?? ANY_START;
  let from = 0;
  for (let i = die - 1; i >= 0; i--) {
    if (start.test(plain[i]!)) {
      from = i + 1;
      break;
    }
  }
  for (let i = from; i < die; i++) if (ERROR_WORD.test(plain[i]!)) return i;
  return die;
}

/**
 * The last lines of a failed package's build.log worth keeping (ANSI removed, blank lines dropped):
 * at least `min`, and as many more as reach back to its first error line (at most `max`), so the
 * tail always shows what went wrong, not only emerge's closing boilerplate.
 */
export function failureTail(text: string, min = 30, max = 120): string[] {
  const lines = stripAnsi(text).split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  const start = failureStartLine(lines);
  const count = start === null ? min : Math.min(max, Math.max(min, lines.length - start));
  return lines.slice(-count);
}
