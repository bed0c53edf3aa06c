// Download sizes as Portage prints them in every locale and version: `0 KiB`, `12622 KiB`,
// `1,633 KiB`, `1.747 KiB`, `198 252 KiB` (NBSP or narrow NBSP too), `51,277 kB` (before 2014).

export interface ParsedSize {
  kib: number;
  unit: 'KiB' | 'kB';
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isGroupSeparator = (c: number): boolean => c === 44 || c === 46 || c === 39 || c === 32 || c === 0xa0 || c === 0x202f;

/** Parses a text that is exactly a size (`1,633 KiB`); null otherwise. */
export function parseSizeText(text: string): ParsedSize | null {
  const t = text.trim();
  let unit: 'KiB' | 'kB';
  if (t.endsWith(' KiB') || t.endsWith('\u00a0KiB')) unit = 'KiB';
  else if (t.endsWith(' kB') || t.endsWith('\u00a0kB')) unit = 'kB';
  else return null;
  const num = t.slice(0, t.length - unit.length - 1);
  if (num.length === 0 || num.length > 32 || !isDigit(num.charCodeAt(0)) || !isDigit(num.charCodeAt(num.length - 1))) return null;
  let digits = '';
  let groupLength = 0;
  let sawSeparator = false;
  for (let i = 0; i < num.length; i++) {
    const c = num.charCodeAt(i);
    if (isDigit(c)) {
      digits += num[i];
      groupLength++;
    } else if (isGroupSeparator(c)) {
      // Thousands groups: after a separator exactly three digits must follow.
      if (sawSeparator && groupLength !== 3) return null;
      if (!sawSeparator && (groupLength < 1 || groupLength > 3)) return null;
      sawSeparator = true;
      groupLength = 0;
    } else {
      return null;
    }
  }
  if (sawSeparator && groupLength !== 3) return null;
  return { kib: Number(digits), unit };
}
