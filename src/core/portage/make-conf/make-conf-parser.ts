// Reads make.conf the way Portage's getconfig does (a shell-like subset): `NAME=value`,
// `export NAME=…`, double and single quotes (values may span lines), backslash-newline
// continuations, `$VAR`/`${VAR}` references, comments, `source file`. Anything else is kept as an
// `unknown` node with a message, so a round trip never loses a byte.
import type { MakeConfDoc, MakeConfNode, ValuePart } from './make-conf-types.js';

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 13;

class Scanner {
  pos = 0;
  line = 1;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  code(offset = 0): number {
    return this.text.charCodeAt(this.pos + offset);
  }
  advance(n = 1): void {
    for (let i = 0; i < n && this.pos < this.text.length; i++) {
      if (this.text.charCodeAt(this.pos) === 10) this.line++;
      this.pos++;
    }
  }
  skipBlanks(): void {
    while (!this.done && isBlank(this.code())) this.pos++;
  }
  /** Moves past the end of the current line (newline included). */
  toLineEnd(): void {
    const nl = this.text.indexOf('\n', this.pos);
    if (nl < 0) this.pos = this.text.length;
    else {
      this.pos = nl + 1;
      this.line++;
    }
  }
  readName(): string {
    const start = this.pos;
    if (this.done || !isNameStart(this.code())) return '';
    while (!this.done && isNameChar(this.code())) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

class ValueBuilder {
  readonly parts: ValuePart[] = [];
  private text = '';
  add(s: string): void {
    this.text += s;
  }
  ref(name: string): void {
    if (this.text) this.parts.push({ kind: 'text', text: this.text });
    this.text = '';
    this.parts.push({ kind: 'ref', name });
  }
  finish(): ValuePart[] {
    if (this.text) this.parts.push({ kind: 'text', text: this.text });
    this.text = '';
    return this.parts;
  }
}

/** Reads `$NAME` or `${NAME}` at the scanner (positioned on `$`); literal `$` otherwise. */
function readReference(s: Scanner, v: ValueBuilder): void {
  s.advance();
  if (s.code() === 123) {
    // Scan the name by hand: searching for '}' would make `${${${…` quadratic.
    let end = s.pos + 1;
    if (isNameStart(s.text.charCodeAt(end))) while (isNameChar(s.text.charCodeAt(end))) end++;
    if (end > s.pos + 1 && s.text.charCodeAt(end) === 125) {
      const name = s.text.slice(s.pos + 1, end);
      s.advance(end + 1 - s.pos);
      v.ref(name);
      return;
    }
    v.add('$');
    return;
  }
  const name = s.readName();
  if (name) v.ref(name);
  else v.add('$');
}

type ValueResult = { ok: true } | { ok: false; message: string };

function readDoubleQuoted(s: Scanner, v: ValueBuilder, startLine: number): ValueResult {
  s.advance(); // opening quote
  for (;;) {
    if (s.done) return { ok: false, message: `the double quote opened on line ${startLine} is never closed` };
    const c = s.code();
    if (c === 34) {
      s.advance();
      return { ok: true };
    }
    if (c === 92) {
      const next = s.text[s.pos + 1] ?? '';
      if (next === '\n') s.advance(2);
      else if (next === '"' || next === '\\' || next === '$' || next === '`') {
        v.add(next);
        s.advance(2);
      } else {
        v.add('\\');
        s.advance();
      }
      continue;
    }
    if (c === 36) {
      readReference(s, v);
      continue;
    }
    v.add(s.text[s.pos] ?? '');
    s.advance();
  }
}

function readValue(s: Scanner, v: ValueBuilder, startLine: number): ValueResult {
  for (;;) {
    if (s.done) return { ok: true };
    const c = s.code();
    if (c === 10 || isBlank(c)) return { ok: true };
    if (c === 34) {
      const r = readDoubleQuoted(s, v, startLine);
      if (!r.ok) return r;
    } else if (c === 39) {
      const close = s.text.indexOf("'", s.pos + 1);
      if (close < 0) return { ok: false, message: `the single quote opened on line ${startLine} is never closed` };
      v.add(s.text.slice(s.pos + 1, close));
      s.advance(close + 1 - s.pos);
    } else if (c === 92) {
      const next = s.text[s.pos + 1] ?? '';
      if (next === '\n') s.advance(2);
      else {
        v.add(next);
        s.advance(next ? 2 : 1);
      }
    } else if (c === 36) {
      readReference(s, v);
    } else {
      v.add(s.text[s.pos] ?? '');
      s.advance();
    }
  }
}

function unknownLine(s: Scanner, start: number, line: number, message: string): MakeConfNode {
  s.toLineEnd();
  return { kind: 'unknown', raw: s.text.slice(start, s.pos), line, message };
}

function readStatement(s: Scanner): MakeConfNode {
  const start = s.pos;
  const line = s.line;
  s.skipBlanks();
  if (s.done || s.code() === 10) {
    s.toLineEnd();
    return { kind: 'blank', raw: s.text.slice(start, s.pos), line };
  }
  if (s.code() === 35) {
    const textStart = s.pos + 1;
    s.toLineEnd();
    const raw = s.text.slice(start, s.pos);
    return { kind: 'comment', raw, line, text: s.text.slice(textStart, start + raw.replace(/\r?\n$/, '').length) };
  }
  const wordStart = s.pos;
  let name = s.readName();
  let exported = false;
  if ((name === 'export' || name === 'source') && isBlank(s.code())) {
    if (name === 'source') {
      s.skipBlanks();
      const pathStart = s.pos;
      s.toLineEnd();
      const path = s.text.slice(pathStart, s.pos).trim().replace(/^(["'])(.*)\1$/, '$2');
      return { kind: 'source', raw: s.text.slice(start, s.pos), line, path };
    }
    exported = true;
    s.skipBlanks();
    name = s.readName();
  } else if (name === '' && s.code() === 46 && isBlank(s.code(1))) {
    s.advance();
    s.skipBlanks();
    const pathStart = s.pos;
    s.toLineEnd();
    return { kind: 'source', raw: s.text.slice(start, s.pos), line, path: s.text.slice(pathStart, s.pos).trim() };
  }
  if (name === '' || s.code() !== 61) {
    s.pos = wordStart;
    return unknownLine(s, start, line, name === '' ? 'not an assignment: expected NAME="value"' : `'${name}' is not followed by '=' (write ${name}="value", without spaces around '=')`);
  }
  s.advance(); // '='
  const valueStart = s.pos;
  const v = new ValueBuilder();
  const r = readValue(s, v, line);
  if (!r.ok) {
    s.pos = s.text.length;
    return { kind: 'unknown', raw: s.text.slice(start), line, message: r.message };
  }
  const valueText = s.text.slice(valueStart, s.pos);
  s.skipBlanks();
  let comment: string | null = null;
  if (!s.done && s.code() === 35) {
    const cStart = s.pos;
    const nl = s.text.indexOf('\n', s.pos);
    comment = s.text.slice(cStart, nl < 0 ? s.text.length : nl).replace(/\r$/, '');
    s.toLineEnd();
  } else if (!s.done && s.code() !== 10) {
    return unknownLine(s, start, line, `unexpected text after the value of ${name}: quote values that contain spaces (${name}="a b")`);
  } else {
    s.toLineEnd();
  }
  return { kind: 'assignment', raw: s.text.slice(start, s.pos), line, name, exported, value: v.finish(), valueText, comment };
}

/** Parses make.conf text into nodes; the nodes' raw texts joined give back the input, for every input. */
export function parseMakeConf(text: string): MakeConfDoc {
  const s = new Scanner(text);
  const nodes: MakeConfNode[] = [];
  while (!s.done) {
    const before = s.pos;
    nodes.push(readStatement(s));
    if (s.pos <= before) {
      // Defensive: never loop without progress on unexpected input.
      s.pos = before;
      nodes.push(unknownLine(s, before, s.line, 'unreadable line'));
    }
  }
  return { nodes };
}
