// USE strings of merge-list lines: `USE="a -b (c) d%* {-test}" PYTHON_TARGETS="python3_12 -python3_11"`.
// Parsed with index arithmetic, not regexes: a 5,000-line list has hundreds of thousands of flags.
import { joinUseExpandFlag } from '../use-flags.js';
import type { UseFlagState } from './pretend-types.js';

/** Parses the decorated flag token `line[s, e)`; `prefix` turns a group value into the USE flag name. */
function parseTokenAt(line: string, s: number, e: number, group: string, prefix: string): UseFlagState | null {
  let forced = false;
  let testBound = false;
  if (e - s >= 2 && line.charCodeAt(s) === 40 && line.charCodeAt(e - 1) === 41) {
    forced = true;
    s++;
    e--;
  }
  if (e - s >= 2 && line.charCodeAt(s) === 123 && line.charCodeAt(e - 1) === 125) {
    testBound = true;
    s++;
    e--;
  }
  let enabled = true;
  if (line.charCodeAt(s) === 45) {
    enabled = false;
    s++;
  }
  let changed = false;
  let newFlag = false;
  if (e > s && line.charCodeAt(e - 1) === 42) {
    changed = true;
    e--;
  }
  if (e > s && line.charCodeAt(e - 1) === 37) {
    newFlag = true;
    e--;
  }
  if (e <= s) return null;
  const name = line.slice(s, e);
  return { name, flag: prefix ? prefix + name : name, group, enabled, changed, newFlag, forced, testBound };
}

function groupPrefix(group: string): string {
  return group === 'USE' ? '' : joinUseExpandFlag(group, '');
}

const isGroupNameChar = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * Reads consecutive `NAME="…"` groups starting at `pos`. Returns the flags and the position after the
 * last group (unchanged when no group starts at `pos`).
 */
export function readUseGroups(line: string, pos: number, out: UseFlagState[]): number {
  let p = pos;
  for (;;) {
    const first = line.charCodeAt(p);
    if (!(first >= 65 && first <= 90)) return p;
    let q = p + 1;
    while (q < line.length && isGroupNameChar(line.charCodeAt(q))) q++;
    if (line.charCodeAt(q) !== 61 || line.charCodeAt(q + 1) !== 34) return p; // ="
    const close = line.indexOf('"', q + 2);
    if (close < 0) return p;
    const group = line.slice(p, q);
    const prefix = groupPrefix(group);
    let start = q + 2;
    while (start < close) {
      let end = line.indexOf(' ', start);
      if (end < 0 || end > close) end = close;
      if (end > start) {
        const flag = parseTokenAt(line, start, end, group, prefix);
        if (flag) out.push(flag);
      }
      start = end + 1;
    }
    p = close + 1;
    if (line.charCodeAt(p) === 32 && line.charCodeAt(p + 1) >= 65 && line.charCodeAt(p + 1) <= 90) p++;
  }
}
