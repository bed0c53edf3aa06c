// Parses package.* files line by line: `atom value value # comment`. Every line is kept (for round
// trips and editing); bad atoms become `invalid` lines with the offset of the problem.
import { parseAtom } from '../atom-parser.js';
import { splitCpv } from '../names.js';
import { checkUseFlagName, joinUseExpandFlag } from '../use-flags.js';
import type { EntryProblem, PackageFileDoc, PackageFileKind, PackageFileLine } from './package-file-types.js';

function checkValues(kind: PackageFileKind, values: readonly string[], offsets: readonly number[]): { problems: EntryProblem[]; flags?: string[] } {
  const problems: EntryProblem[] = [];
  if (kind === 'package.use') {
    const flags: string[] = [];
    let prefix: string | null = null;
    values.forEach((v, i) => {
      const at = offsets[i] ?? 0;
      if (/^[A-Z][A-Z0-9_]*:$/.test(v)) {
        prefix = v.slice(0, -1);
        return;
      }
      const minus = v.startsWith('-') ? '-' : '';
      const name = minus ? v.slice(1) : v;
      if (name === '*' && minus) {
        flags.push(prefix ? `-${prefix.toLowerCase()}_*` : '-*');
        return;
      }
      const p = checkUseFlagName(name);
      if (p) problems.push({ message: p.message, offset: at + minus.length + p.offset });
      flags.push(minus + (prefix ? joinUseExpandFlag(prefix, name) : name));
    });
    return { problems, flags };
  }
  const pattern =
    kind === 'package.accept_keywords' ? /^(?:-?~?[A-Za-z0-9_-]+|\*\*|~?\*|-\*)$/
      : kind === 'package.license' ? /^-?@?[A-Za-z0-9_][A-Za-z0-9+_.-]*$|^-?\*$/
        : kind === 'package.env' ? /^[^\s/][^\s]*$/
          : null;
  if (kind === 'package.mask' || kind === 'package.unmask' || kind === 'package.provided' || kind === 'packages') {
    values.forEach((v, i) => problems.push({ message: `unexpected '${v}': ${kind} lines hold one atom each`, offset: offsets[i] ?? 0 }));
  } else if (pattern) {
    values.forEach((v, i) => {
      if (!pattern.test(v)) problems.push({ message: `'${v}' is not a valid ${kind === 'package.accept_keywords' ? 'keyword' : kind === 'package.license' ? 'licence name or @group' : 'env file name'}`, offset: offsets[i] ?? 0 });
    });
  }
  return { problems };
}

function parseLine(kind: PackageFileKind, raw: string, line: number): PackageFileLine {
  const body = raw.replace(/\r?\n$/, '');
  const trimmed = body.trim();
  if (trimmed === '') return { kind: 'blank', raw, line };
  if (trimmed.startsWith('#')) return { kind: 'comment', raw, line, text: trimmed.slice(1) };
  const hash = body.search(/\s#/);
  const comment = hash >= 0 ? body.slice(hash).trim() : null;
  const content = hash >= 0 ? body.slice(0, hash) : body;
  const tokens: string[] = [];
  const offsets: number[] = [];
  for (const m of content.matchAll(/\S+/g)) {
    tokens.push(m[0]);
    offsets.push(m.index ?? 0);
  }
  let atomText = tokens[0] ?? '';
  let atomOffset = offsets[0] ?? 0;
  let negated = false;
  let system = false;
  if (kind === 'packages' || kind === 'package.mask') {
    if (atomText.startsWith('-')) {
      negated = true;
      atomText = atomText.slice(1);
      atomOffset++;
    }
  }
  if (kind === 'packages' && atomText.startsWith('*')) {
    system = true;
    atomText = atomText.slice(1);
    atomOffset++;
  }
  const text = kind === 'package.provided' ? (splitCpv(atomText) ? `=${atomText}` : atomText) : atomText;
  const parsed = parseAtom(text, { allowSets: false, allowBlockers: false, requireVersion: kind === 'package.provided' });
  if (!parsed.ok || parsed.atom.kind !== 'package') {
    const error = parsed.ok ? { message: 'a set is not allowed here', offset: 0 } : parsed.error;
    const shift = kind === 'package.provided' && text !== atomText ? -1 : 0;
    const message = kind === 'package.provided' && !splitCpv(atomText) ? `'${atomText}' is not a category/name-version (package.provided lists exact versions)` : error.message;
    return { kind: 'invalid', raw, line, message, offset: Math.max(atomOffset, atomOffset + error.offset + shift) };
  }
  const values = tokens.slice(1);
  const checked = checkValues(kind, values, offsets.slice(1));
  const entry: PackageFileLine = {
    kind: 'entry', raw, line, atomText, atom: parsed.atom, values, negated, system, comment, problems: checked.problems,
  };
  if (checked.flags) entry.flags = checked.flags;
  return entry;
}

/** Parses one package.* file. */
export function parsePackageFile(kind: PackageFileKind, text: string, name: string | null = null): PackageFileDoc {
  const lines: PackageFileLine[] = [];
  let start = 0;
  let lineNo = 1;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    lines.push(parseLine(kind, text.slice(start, end), lineNo));
    start = end;
    lineNo++;
  }
  return { kind, name, lines };
}
