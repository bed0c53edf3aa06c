// Package versions as PMS (EAPI 8, section 3.2/3.3) defines them: parsing and the comparison algorithm.
// Numbers are compared as digit strings, never converted to floats, so 20241221 or 30-digit dates
// compare exactly.

/** Version suffix kinds in ascending order of precedence (`p` sorts after "no suffix"). */
export type VersionSuffixKind = 'alpha' | 'beta' | 'pre' | 'rc' | 'p';

export interface VersionSuffix {
  kind: VersionSuffixKind;
  /** Digits as written ('' when the suffix has no number). */
  number: string;
}

/** A parsed PMS version; `text` is exactly what was parsed. */
export interface Version {
  text: string;
  numbers: string[];
  letter: string;
  suffixes: VersionSuffix[];
  /** Digits after `-r` ('' when there is no revision). */
  revision: string;
}

// Linear: every repeated group starts with a distinct literal, so the engine never backtracks far.
const VERSION_RE = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)\d*)*)(?:-r(\d+))?$/;
const SUFFIX_RE = /_(alpha|beta|pre|rc|p)(\d*)/g;
const SUFFIX_RANK: Record<VersionSuffixKind, number> = { alpha: 0, beta: 1, pre: 2, rc: 3, p: 5 };
const NO_SUFFIX_RANK = 4;

/** Parses a PMS version string; null when it is not one. */
export function parseVersion(text: string): Version | null {
  if (text.length === 0 || text.length > 256) return null;
  const m = VERSION_RE.exec(text);
  if (!m) return null;
  const suffixes: VersionSuffix[] = [];
  const suffixText = m[3] ?? '';
  if (suffixText) {
    for (const s of suffixText.matchAll(SUFFIX_RE)) {
      suffixes.push({ kind: s[1] as VersionSuffixKind, number: s[2] ?? '' });
    }
  }
  return { text, numbers: (m[1] ?? '').split('.'), letter: m[2] ?? '', suffixes, revision: m[4] ?? '' };
}

/** True when the text is a valid PMS version. */
export function isValidVersion(text: string): boolean {
  return text.length > 0 && text.length <= 256 && VERSION_RE.test(text);
}

function stripLeadingZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return s.slice(i);
}

/** Compares two non-negative integers written as digit strings. */
function compareIntegerStrings(a: string, b: string): -1 | 0 | 1 {
  const x = stripLeadingZeros(a || '0');
  const y = stripLeadingZeros(b || '0');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripTrailingZeros(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

function compareNumbers(a: string[], b: string[]): -1 | 0 | 1 {
  const first = compareIntegerStrings(a[0] ?? '0', b[0] ?? '0');
  if (first !== 0) return first;
  const n = Math.min(a.length, b.length);
  for (let i = 1; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    // PMS 3.3: a component with a leading zero compares as a decimal fraction (string after
    // stripping trailing zeros); otherwise as an integer.
    if (x.startsWith('0') || y.startsWith('0')) {
      const sx = stripTrailingZeros(x);
      const sy = stripTrailingZeros(y);
      if (sx !== sy) return sx < sy ? -1 : 1;
    } else {
      const c = compareIntegerStrings(x, y);
      if (c !== 0) return c;
    }
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return 0;
}

function compareSuffixes(a: VersionSuffix[], b: VersionSuffix[]): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as VersionSuffix;
    const y = b[i] as VersionSuffix;
    if (x.kind !== y.kind) return SUFFIX_RANK[x.kind] < SUFFIX_RANK[y.kind] ? -1 : 1;
    const c = compareIntegerStrings(x.number, y.number);
    if (c !== 0) return c;
  }
  if (a.length > n) return SUFFIX_RANK[(a[n] as VersionSuffix).kind] > NO_SUFFIX_RANK ? 1 : -1;
  if (b.length > n) return SUFFIX_RANK[(b[n] as VersionSuffix).kind] > NO_SUFFIX_RANK ? -1 : 1;
  return 0;
}

/** Compares parsed versions by the PMS algorithm; `ignoreRevision` serves the `~` operator. */
function compareParsedVersions(a: Version, b: Version, ignoreRevision = false): -1 | 0 | 1 {
  const n = compareNumbers(a.numbers, b.numbers);
  if (n !== 0) return n;
  if (a.letter !== b.letter) return a.letter < b.letter ? -1 : 1;
  const s = compareSuffixes(a.suffixes, b.suffixes);
  if (s !== 0) return s;
  return ignoreRevision ? 0 : compareIntegerStrings(a.revision, b.revision);
}

/**
 * Compares two version strings by the PMS algorithm: -1, 0 or 1. Strings that are not valid
 * versions sort before all valid ones (and among themselves by plain string order), so sorting
 * mixed input never throws.
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (x && y) return compareParsedVersions(x, y);
  if (x) return 1;
  if (y) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The operators a versioned atom may carry. */
export type VersionOperator = '<' | '<=' | '=' | '~' | '>=' | '>';

/** Does `candidate` satisfy `operator spec` (`wildcard` is the `=…*` form)? */
export function versionMatches(operator: VersionOperator, spec: Version, candidate: Version, wildcard = false): boolean {
  switch (operator) {
    case '=':
      // The `=…*` form matches on the version string's prefix (Portage's reading of PMS 8.3.1).
      return wildcard ? candidate.text.startsWith(spec.text) : compareParsedVersions(candidate, spec) === 0;
    case '~':
      return compareParsedVersions(candidate, spec, true) === 0;
    case '<':
      return compareParsedVersions(candidate, spec) < 0;
    case '<=':
      return compareParsedVersions(candidate, spec) <= 0;
    case '>':
      return compareParsedVersions(candidate, spec) > 0;
    case '>=':
      return compareParsedVersions(candidate, spec) >= 0;
  }
}
