// Parses package atoms and sets with errors that point at the offending span, so the recipe editor
// can underline it while the user types. A hand-written scanner: no regex backtracking on user input.
import type { Atom, AtomError, AtomPart, AtomResult, PackageAtom, SlotDep, UseDep, UseDepKind } from './atom-types.js';
import { checkCategory, checkPackageName, checkRepoName, checkSlotName } from './names.js';
import { isValidUseFlagName } from './use-flags.js';
import { parseVersion, type VersionOperator } from './version.js';

/** What a caller accepts: package.* files take no blockers or sets, dependency strings take no sets. */
export interface AtomOptions {
  allowSets?: boolean;
  allowBlockers?: boolean;
  allowRepo?: boolean;
  allowUseDeps?: boolean;
  /** Require an operator and a version (e.g. `package.provided`-like cpv lists use splitCpv instead). */
  requireVersion?: boolean;
}

const MAX_ATOM_LENGTH = 1024;

function fail(part: AtomPart, message: string, offset: number, length = 1): AtomResult {
  return { ok: false, error: { part, message, offset, length: Math.max(1, length) } };
}

function isSetChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 43 || c === 46 || c === 45;
}

function parseSet(text: string): AtomResult {
  const name = text.slice(1);
  if (name.length === 0) return fail('set', "a set name is missing after '@' (e.g. @world)", 0, 1);
  const first = name.charCodeAt(0);
  if (first === 45 || first === 46 || first === 43 || !isSetChar(first)) {
    return fail('set', `a set name must start with a letter, digit or '_'`, 1);
  }
  for (let i = 1; i < name.length; i++) {
    if (!isSetChar(name.charCodeAt(i))) return fail('set', `'${name[i]}' is not allowed in a set name`, i + 1);
  }
  return { ok: true, atom: { kind: 'set', name } };
}

function readOperator(text: string, pos: number): VersionOperator | null {
  const two = text.slice(pos, pos + 2);
  if (two === '<=' || two === '>=') return two;
  const one = text[pos];
  if (one === '<' || one === '>' || one === '=' || one === '~') return one;
  return null;
}

/** Parses `cat/pn[-ver[*]]` between `start` and `end` into the atom. */
function parseBody(text: string, start: number, end: number, atom: PackageAtom): AtomError | null {
  const body = text.slice(start, end);
  const slash = body.indexOf('/');
  if (slash < 0) {
    return { part: 'category', message: 'the category is missing: write category/name (e.g. dev-libs/openssl)', offset: start, length: body.length || 1 };
  }
  const category = body.slice(0, slash);
  const catProblem = checkCategory(category);
  if (catProblem) return { part: 'category', message: catProblem.message, offset: start + catProblem.offset, length: 1 };
  let pnv = body.slice(slash + 1);
  const pnvStart = start + slash + 1;
  if (pnv.indexOf('/') >= 0) {
    return { part: 'name', message: "only one '/' is allowed (category/name)", offset: pnvStart + pnv.indexOf('/'), length: 1 };
  }
  atom.category = category;
  if (pnv.endsWith('*')) {
    if (atom.operator !== '=') {
      return { part: 'version', message: "a trailing '*' is only allowed with the '=' operator (=cat/pn-1.2*)", offset: pnvStart + pnv.length - 1, length: 1 };
    }
    atom.wildcard = true;
    pnv = pnv.slice(0, -1);
  }
  if (atom.operator === null) {
    const problem = checkPackageName(pnv);
    if (problem) return { part: 'name', message: problem.message, offset: pnvStart + problem.offset, length: problem.offset === 0 ? 1 : pnv.length - problem.offset };
    atom.name = pnv;
    return null;
  }
  // With an operator the text must end in -<version>. The version starts after the last hyphen that
  // is followed by a digit (a revision "-r1" is part of the version, not the split point).
  let split = -1;
  for (let i = pnv.lastIndexOf('-'); i > 0; i = pnv.lastIndexOf('-', i - 1)) {
    const c = pnv.charCodeAt(i + 1);
    if (c >= 48 && c <= 57) {
      split = i;
      break;
    }
  }
  if (split < 0) {
    return { part: 'version', message: `the operator '${atom.operator}' needs a version: write ${atom.operator}${category}/${pnv || 'name'}-1.0`, offset: pnvStart + pnv.length - 1, length: 1 };
  }
  const versionText = pnv.slice(split + 1);
  const version = parseVersion(versionText);
  if (!version) {
    return {
      part: 'version',
      message: `'${versionText}' is not a valid version (digits separated by dots, an optional letter, _alpha/_beta/_pre/_rc/_p suffixes, then -rN)`,
      offset: pnvStart + split + 1,
      length: versionText.length,
    };
  }
  const name = pnv.slice(0, split);
  const problem = checkPackageName(name);
  if (problem) return { part: 'name', message: problem.message, offset: pnvStart + problem.offset, length: 1 };
  atom.name = name;
  atom.version = version;
  return null;
}

function parseSlot(spec: string, offset: number): { slot: SlotDep } | { error: AtomError } {
  if (spec === '*' || spec === '=') return { slot: { slot: null, subslot: null, operator: spec } };
  let rest = spec;
  let operator: '=' | null = null;
  if (rest.endsWith('=')) {
    operator = '=';
    rest = rest.slice(0, -1);
  }
  const slashAt = rest.indexOf('/');
  const slotName = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const sub = slashAt >= 0 ? rest.slice(slashAt + 1) : null;
  const p1 = checkSlotName(slotName);
  if (p1) return { error: { part: 'slot', message: spec.length === 0 ? "the slot after ':' is empty (e.g. :0, :3/3.1, :=, :*)" : p1.message, offset: offset + p1.offset, length: 1 } };
  if (sub !== null) {
    const p2 = checkSlotName(sub);
    if (p2) return { error: { part: 'slot', message: `sub-slot: ${p2.message}`, offset: offset + slashAt + 1 + p2.offset, length: 1 } };
  }
  return { slot: { slot: slotName, subslot: sub, operator } };
}

function parseUseDep(item: string, offset: number): { dep: UseDep } | { error: AtomError } {
  const err = (message: string, at = 0, length = item.length || 1): { error: AtomError } => ({ error: { part: 'use', message, offset: offset + at, length } });
  if (item.length === 0) return err("empty USE dependency (two commas, or a comma at an end of '[…]')", 0, 1);
  let i = 0;
  const bang = item[i] === '!';
  if (bang) i++;
  const minus = item[i] === '-';
  if (minus) i++;
  let end = item.length;
  let suffix: '?' | '=' | null = null;
  const last = item[end - 1];
  if (last === '?' || last === '=') {
    suffix = last;
    end--;
  }
  let dflt: '+' | '-' | null = null;
  if (item.slice(end - 3, end) === '(+)' || item.slice(end - 3, end) === '(-)') {
    dflt = item[end - 2] as '+' | '-';
    end -= 3;
  }
  const flag = item.slice(i, end);
  if (!isValidUseFlagName(flag)) {
    const bad = flag.length === 0 ? 0 : [...flag].findIndex((ch, k) => !(k === 0 ? /[A-Za-z0-9]/ : /[A-Za-z0-9+_@-]/).test(ch));
    return err(flag.length === 0 ? 'a USE flag name is missing' : `'${flag}' is not a valid USE flag name`, i + Math.max(0, bad), 1);
  }
  if (bang && minus) return err("'!' and '-' cannot be combined", 0, 2);
  if (minus && suffix) return err(`'-${flag}${suffix}' is not allowed: use '!${flag}${suffix}'`, 0);
  if (bang && !suffix) return err(`'!${flag}' needs '?' or '=' after it (!${flag}? or !${flag}=)`, 0);
  let kind: UseDepKind;
  if (suffix === '?') kind = bang ? 'conditional-inverse' : 'conditional';
  else if (suffix === '=') kind = bang ? 'equal-inverse' : 'equal';
  else kind = minus ? 'disabled' : 'enabled';
  return { dep: { flag, kind, default: dflt } };
}

function parseUseDeps(text: string, open: number): { deps: UseDep[] } | { error: AtomError } {
  const close = text.indexOf(']', open);
  if (close < 0) return { error: { part: 'use', message: "the USE dependency list is not closed: add ']'", offset: text.length - 1, length: 1 } };
  if (close !== text.length - 1) {
    return { error: { part: 'use', message: "nothing may follow ']'", offset: close + 1, length: text.length - close - 1 } };
  }
  const inner = text.slice(open + 1, close);
  if (inner.length === 0) return { error: { part: 'use', message: "'[]' is empty: list USE flags or remove the brackets", offset: open, length: 2 } };
  const deps: UseDep[] = [];
  let at = open + 1;
  for (const item of inner.split(',')) {
    const r = parseUseDep(item, at);
    if ('error' in r) return r;
    deps.push(r.dep);
    at += item.length + 1;
  }
  return { deps };
}

/** Parses a package atom or `@set`; errors carry the offending span and a message. */
export function parseAtom(text: string, options: AtomOptions = {}): AtomResult {
  const { allowSets = true, allowBlockers = true, allowRepo = true, allowUseDeps = true, requireVersion = false } = options;
  if (text.length === 0) return fail('atom', 'the atom is empty', 0);
  if (text.length > MAX_ATOM_LENGTH) return fail('atom', `the atom is longer than ${MAX_ATOM_LENGTH} characters`, MAX_ATOM_LENGTH);
  const ws = text.search(/\s/);
  if (ws >= 0) return fail('atom', 'an atom cannot contain spaces (one atom per entry)', ws);
  if (text[0] === '@') return allowSets ? parseSet(text) : fail('set', 'a package set is not allowed here', 0, text.length);

  const atom: PackageAtom = {
    kind: 'package', blocker: null, operator: null, category: '', name: '', version: null,
    wildcard: false, slot: null, repo: null, useDeps: null,
  };
  let pos = 0;
  if (text.startsWith('!!')) atom.blocker = 'strong';
  else if (text[0] === '!') atom.blocker = 'weak';
  if (atom.blocker) {
    if (!allowBlockers) return fail('blocker', 'a blocker (!atom) is not allowed here', 0, atom.blocker === 'strong' ? 2 : 1);
    pos = atom.blocker === 'strong' ? 2 : 1;
    if (text[pos] === '!') return fail('blocker', "at most two '!' may start a blocker", pos);
  }
  atom.operator = readOperator(text, pos);
  if (atom.operator) pos += atom.operator.length;
  if (requireVersion && !atom.operator) return fail('operator', 'a version with an operator (=, >=, …) is required here', pos);

  let bodyEnd = text.length;
  for (let i = pos; i < text.length; i++) {
    const ch = text[i];
    if (ch === ':' || ch === '[') {
      bodyEnd = i;
      break;
    }
  }
  if (/[<>=~!]/.test(text[pos] ?? '')) return fail('operator', `'${text[pos]}' is not a valid operator here (use <, <=, =, ~, >=, >)`, pos);
  const bodyError = parseBody(text, pos, bodyEnd, atom);
  if (bodyError) return { ok: false, error: bodyError };

  pos = bodyEnd;
  if (text.startsWith(':', pos) && !text.startsWith('::', pos)) {
    let end = text.length;
    for (let i = pos + 1; i < text.length; i++) {
      if (text[i] === ':' || text[i] === '[') {
        end = i;
        break;
      }
    }
    const r = parseSlot(text.slice(pos + 1, end), pos + 1);
    if ('error' in r) return { ok: false, error: r.error };
    atom.slot = r.slot;
    pos = end;
  }
  if (text.startsWith('::', pos)) {
    if (!allowRepo) return fail('repo', 'a repository (::repo) is not allowed here', pos, 2);
    const open = text.indexOf('[', pos);
    const end = open < 0 ? text.length : open;
    const repo = text.slice(pos + 2, end);
    const problem = checkRepoName(repo);
    if (problem) return fail('repo', problem.message, pos + 2 + problem.offset);
    atom.repo = repo;
    pos = end;
  } else if (text[pos] === ':') {
    return fail('slot', "only one slot is allowed; a repository is written '::repo'", pos);
  }
  if (text[pos] === '[') {
    if (!allowUseDeps) return fail('use', 'USE dependencies ([…]) are not allowed here', pos, text.length - pos);
    const r = parseUseDeps(text, pos);
    if ('error' in r) return { ok: false, error: r.error };
    atom.useDeps = r.deps;
    pos = text.length;
  }
  if (pos !== text.length) return fail('atom', `unexpected '${text[pos]}'`, pos, text.length - pos);
  return { ok: true, atom };
}

/** Parses an atom that must be a package atom (no sets); convenience for package.* files. */
export function parsePackageAtom(text: string, options: AtomOptions = {}): { ok: true; atom: PackageAtom } | { ok: false; error: AtomError } {
  const r = parseAtom(text, { ...options, allowSets: false });
  if (!r.ok) return r;
  return r.atom.kind === 'package' ? { ok: true, atom: r.atom } : { ok: false, error: { part: 'set', message: 'a package set is not allowed here', offset: 0, length: text.length } };
}

export type { Atom };
