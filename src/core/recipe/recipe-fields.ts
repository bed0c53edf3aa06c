// Recipe values as one line of text and back, for fields a person types into: word lists with
// shell-like quoting (no expansion, ever: the words become argv arrays), KEY=value lists, and
// comma-separated lists for values that contain spaces (locale.gen lines).

export type TextParse<T> = { ok: true; value: T } | { ok: false; problem: string; offset: number };

/** Split words at spaces; "double" and 'single' quotes group, backslash escapes inside double quotes. */
export function splitWords(text: string): TextParse<string[]> {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  let quoteStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      quoteStart = i;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, problem: `the quote ${quote} is not closed`, offset: quoteStart };
  if (inWord) words.push(current);
  return { ok: true, value: words };
}

/** A word as typed back: quoted when it holds spaces, quotes or backslashes, or is empty. */
function quoteWord(word: string): string {
  if (word !== '' && !/[\s"'\\]/.test(word)) return word;
  return `"${word.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Words joined so that splitWords gives them back. */
export function joinWords(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}

/** `A=1 B="two words"` → {A: '1', B: 'two words'}. */
export function parseKeyValues(text: string): TextParse<Record<string, string>> {
  const words = splitWords(text);
  if (!words.ok) return words;
  const out: Record<string, string> = {};
  let offset = 0;
  for (const word of words.value) {
    const eq = word.indexOf('=');
    if (eq <= 0) {
      const at = Math.max(0, text.indexOf(word, offset));
      return { ok: false, problem: `"${word}" is not KEY=value`, offset: at };
    }
    out[word.slice(0, eq)] = word.slice(eq + 1);
    offset = Math.max(offset, text.indexOf(word, offset) + word.length);
  }
  return { ok: true, value: out };
}

/** {A: '1'} → `A=1`, quoting values that need it. */
export function formatKeyValues(values: Readonly<Record<string, string>>): string {
  return Object.entries(values).map(([k, v]) => (/^[^\s"'\\]+$/.test(v) ? `${k}=${v}` : `${k}=${quoteWord(v)}`)).join(' ');
}

/** `a, b c, d` → ['a', 'b c', 'd'] (empty items dropped). */
export function parseCommaList(text: string): string[] {
  return text.split(',').map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

/** ['a', 'b c'] → `a, b c`. */
export function formatCommaList(items: readonly string[]): string {
  return items.join(', ');
}
