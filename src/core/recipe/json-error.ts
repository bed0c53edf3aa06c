// Where JSON text stops being JSON, as line and column: V8's own messages give a position only for
// some errors ("Unexpected token 'x', "…" is not valid JSON" has none) and quote the file's text
// raw. A small scanner (no recursion: nesting depth cannot overflow it) finds the offset itself.

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** End of the string starting at `start` (a `"`), or the offset of its first error as a negative - 1. */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!HEX4.test(text.slice(i + 2, i + 6))) return -i - 1;
        i += 6;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        i += 2;
      } else {
        return -i - 1;
      }
      continue;
    }
    i++;
  }
  return -text.length - 1;
}

/** Offset of the first syntax error in `text`, or null when it is valid JSON. */
function jsonErrorOffset(text: string): number | null {
  const stack: ('object' | 'array')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const after = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (expect === 'end') return i < text.length ? i : null;
    if (i >= text.length) return text.length;
    const c = text[i];
    if (expect === 'comma-or-close') {
      const top = stack.at(-1);
      if (c === ',') {
        i++;
        expect = top === 'object' ? 'key' : 'value';
      } else if ((c === '}' && top === 'object') || (c === ']' && top === 'array')) {
        i++;
        stack.pop();
        expect = after();
      } else {
        return i;
      }
    } else if (expect === 'colon') {
      if (c !== ':') return i;
      i++;
      expect = 'value';
    } else if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') {
        i++;
        stack.pop();
        expect = after();
      } else {
        if (c !== '"') return i;
        const end = scanString(text, i);
        if (end < 0) return -end - 1;
        i = end;
        expect = 'colon';
      }
    } else if (c === ']' && expect === 'value-or-close') {
      i++;
      stack.pop();
      expect = after();
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? 'object' : 'array');
      i++;
      expect = c === '{' ? 'key-or-close' : 'value-or-close';
    } else if (c === '"') {
      const end = scanString(text, i);
      if (end < 0) return -end - 1;
      i = end;
      expect = after();
    } else {
      SCALAR.lastIndex = i;
      if (!SCALAR.test(text)) return i;
      i = SCALAR.lastIndex;
      expect = after();
    }
  }
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** "line 3, column 7: unexpected "x"" for invalid JSON text (no raw text of the file beyond one character). */
export function describeJsonError(text: string): string {
  const offset = jsonErrorOffset(text) ?? text.length;
  const { line, column } = lineColumn(text, offset);
  const what = offset >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[offset])}`;
  return `line ${line}, column ${column}: ${what}`;
}
