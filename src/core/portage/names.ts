// Validators for the name parts of atoms (PMS 3.1) and splitting of `cat/pn-ver` strings.
import { isValidVersion } from './version.js';

/** Why a name part is invalid: a message and the offset of the first bad character within it. */
export interface NameProblem {
  message: string;
  offset: number;
}

function firstBadChar(text: string, start: number, ok: (c: number) => boolean): number {
  for (let i = start; i < text.length; i++) if (!ok(text.charCodeAt(i))) return i;
  return -1;
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameStart = (c: number): boolean => isAlnum(c) || c === 95; // [A-Za-z0-9_]
const isCategoryChar = (c: number): boolean => isNameStart(c) || c === 43 || c === 46 || c === 45; // + . -
const isPackageChar = (c: number): boolean => isNameStart(c) || c === 43 || c === 45; // + -
const isRepoChar = (c: number): boolean => isNameStart(c) || c === 45;

function describeChar(text: string, i: number): string {
  const ch = text[i] ?? '';
  return ch === ' ' ? 'a space' : ch === '' ? 'nothing' : `'${ch}'`;
}

/** Checks a category name (`[A-Za-z0-9_][A-Za-z0-9+_.-]*`). */
export function checkCategory(text: string): NameProblem | null {
  if (text.length === 0) return { message: 'the category is empty (expected something like dev-libs/)', offset: 0 };
  if (!isNameStart(text.charCodeAt(0))) {
    return { message: `a category must start with a letter, digit or '_', not ${describeChar(text, 0)}`, offset: 0 };
  }
  const bad = firstBadChar(text, 1, isCategoryChar);
  if (bad >= 0) return { message: `${describeChar(text, bad)} is not allowed in a category name`, offset: bad };
  return null;
}

/** Checks a package name (`[A-Za-z0-9_][A-Za-z0-9+_-]*`, not ending in `-<version>`). */
export function checkPackageName(text: string): NameProblem | null {
  if (text.length === 0) return { message: 'the package name is empty', offset: 0 };
  if (!isNameStart(text.charCodeAt(0))) {
    return { message: `a package name must start with a letter, digit or '_', not ${describeChar(text, 0)}`, offset: 0 };
  }
  // The version check comes first: 'openssl-3.0' is better explained by "needs an operator" than
  // by "'.' is not allowed".
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    // A version starts with a digit: only then is the (regex) version check worth running.
    const next = text.charCodeAt(i + 1);
    if (next >= 48 && next <= 57 && isValidVersion(text.slice(i + 1))) {
      return {
        message: `the name ends in '-${text.slice(i + 1)}', which reads as a version: add an operator (=, >=, …) to ask for a version`,
        offset: i,
      };
    }
  }
  const bad = firstBadChar(text, 1, isPackageChar);
  if (bad >= 0) return { message: `${describeChar(text, bad)} is not allowed in a package name`, offset: bad };
  return null;
}

/** Checks a SLOT or sub-slot name (`[A-Za-z0-9_][A-Za-z0-9+_.-]*`). */
export function checkSlotName(text: string): NameProblem | null {
  if (text.length === 0) return { message: 'the slot name is empty', offset: 0 };
  if (!isNameStart(text.charCodeAt(0))) {
    return { message: `a slot must start with a letter, digit or '_', not ${describeChar(text, 0)}`, offset: 0 };
  }
  const bad = firstBadChar(text, 1, isCategoryChar);
  if (bad >= 0) return { message: `${describeChar(text, bad)} is not allowed in a slot name`, offset: bad };
  return null;
}

/** Checks a repository name (`[A-Za-z0-9_][A-Za-z0-9_-]*`). */
export function checkRepoName(text: string): NameProblem | null {
  if (text.length === 0) return { message: "the repository name after '::' is empty", offset: 0 };
  if (!isNameStart(text.charCodeAt(0))) {
    return { message: `a repository name must start with a letter, digit or '_', not ${describeChar(text, 0)}`, offset: 0 };
  }
  const bad = firstBadChar(text, 1, isRepoChar);
  if (bad >= 0) return { message: `${describeChar(text, bad)} is not allowed in a repository name`, offset: bad };
  return null;
}

/** A `cat/pn-ver` split into its parts (`buildId` only for binary package names). */
export interface Cpv {
  category: string;
  name: string;
  version: string;
  /** `cat/pn-ver` without the build id. */
  cpv: string;
  /** `cat/pn`. */
  cp: string;
  buildId?: number;
}

/** Splits a name/version string (`pn-ver`) at the first hyphen that starts a valid version. */
function splitNameVersion(text: string): { name: string; version: string } | null {
  for (let i = text.indexOf('-'); i > 0; i = text.indexOf('-', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next < 48 || next > 57) continue;
    const version = text.slice(i + 1);
    if (!isValidVersion(version)) continue;
    const name = text.slice(0, i);
    return checkPackageName(name) ? null : { name, version };
  }
  return null;
}

/**
 * Splits `cat/pn-ver`. With `allowBuildId`, a trailing `-N` after a complete version is read as a
 * binary package build id (`dev-libs/expat-2.6.4-1`), as Portage prints it in `[binary]` lines.
 */
export function splitCpv(text: string, allowBuildId = false): Cpv | null {
  const slash = text.indexOf('/');
  if (slash <= 0 || text.indexOf('/', slash + 1) >= 0) return null;
  const category = text.slice(0, slash);
  if (checkCategory(category)) return null;
  const rest = text.slice(slash + 1);
  const nv = splitNameVersion(rest);
  if (nv) return { category, name: nv.name, version: nv.version, cpv: text, cp: `${category}/${nv.name}` };
  if (!allowBuildId) return null;
  const dash = rest.lastIndexOf('-');
  const idText = rest.slice(dash + 1);
  if (dash <= 0 || !/^\d{1,9}$/.test(idText)) return null;
  const inner = splitNameVersion(rest.slice(0, dash));
  if (!inner) return null;
  const cpv = `${category}/${rest.slice(0, dash)}`;
  return { category, name: inner.name, version: inner.version, cpv, cp: `${category}/${inner.name}`, buildId: Number(idText) };
}

/** `cat/pn` of a cpv string, or the input when it does not split. */
export function cpOf(cpv: string): string {
  return splitCpv(cpv)?.cp ?? cpv;
}
