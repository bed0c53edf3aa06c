// Adds, replaces and removes package.* entries without touching comments or other lines, and
// applies package.use entries to a package.
import { formatAtom } from '../atom-format.js';
import { atomMatches, type PackageRef } from '../atom-match.js';
import { parseAtom } from '../atom-parser.js';
import { mergeIncremental } from '../make-conf/make-conf-eval.js';
import type { PackageChange } from '../pretend/pretend-types.js';
import { parsePackageFile } from './package-file-parser.js';
import type { PackageFileDoc, PackageFileKind, PackageFileLine, SourcedEntry } from './package-file-types.js';

export type PackageEditResult = { ok: true; doc: PackageFileDoc } | { ok: false; error: string; offset: number };

function sameAtom(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseAtom(a);
  const y = parseAtom(b);
  return x.ok && y.ok && formatAtom(x.atom) === formatAtom(y.atom);
}

function newLine(kind: PackageFileKind, text: string, lineNo: number): PackageFileLine | { error: string; offset: number } {
  const parsed = parsePackageFile(kind, `${text}\n`).lines[0];
  if (!parsed) return { error: 'empty entry', offset: 0 };
  if (parsed.kind === 'invalid') return { error: parsed.message, offset: parsed.offset };
  if (parsed.kind === 'entry' && parsed.problems.length > 0) return { error: parsed.problems[0]?.message ?? '', offset: parsed.problems[0]?.offset ?? 0 };
  return { ...parsed, line: lineNo };
}

/** Appends `atom value…` as a new line; the atom and values are validated first. */
export function addPackageEntry(doc: PackageFileDoc, atom: string, values: readonly string[] = []): PackageEditResult {
  const lines = [...doc.lines];
  const last = lines[lines.length - 1];
  if (last && !last.raw.endsWith('\n')) lines[lines.length - 1] = { ...last, raw: `${last.raw}\n` } as PackageFileLine;
  const line = newLine(doc.kind, [atom, ...values].join(' '), lines.length + 1);
  if ('error' in line) return { ok: false, error: line.error, offset: line.offset };
  lines.push(line);
  return { ok: true, doc: { ...doc, lines } };
}

/**
 * Replaces the values of the last entry for exactly this atom (keeping its trailing comment), or
 * appends a new entry when there is none.
 */
export function setPackageEntry(doc: PackageFileDoc, atom: string, values: readonly string[]): PackageEditResult {
  let index = -1;
  doc.lines.forEach((l, i) => {
    if (l.kind === 'entry' && sameAtom(l.atomText, atom)) index = i;
  });
  if (index < 0) return addPackageEntry(doc, atom, values);
  const old = doc.lines[index] as Extract<PackageFileLine, { kind: 'entry' }>;
  const newline = /\r?\n$/.exec(old.raw)?.[0] ?? '';
  const text = [atom, ...values].join(' ') + (old.comment ? ` ${old.comment}` : '');
  const line = newLine(doc.kind, text, old.line);
  if ('error' in line) return { ok: false, error: line.error, offset: line.offset };
  const lines = [...doc.lines];
  lines[index] = { ...line, raw: `${text}${newline}` } as PackageFileLine;
  return { ok: true, doc: { ...doc, lines } };
}

/** Removes every entry for exactly this atom (same text after normalisation); comments stay. */
export function removePackageEntries(doc: PackageFileDoc, atom: string): PackageFileDoc {
  return { ...doc, lines: doc.lines.filter((l) => !(l.kind === 'entry' && sameAtom(l.atomText, atom))) };
}

/** Adds a `package.use` line (`atom flag -flag`). */
export function addPackageUseLine(doc: PackageFileDoc, atom: string, flags: readonly string[]): PackageEditResult {
  return addPackageEntry(doc, atom, flags);
}

/** Removes the `package.use` lines of an atom. */
export function removePackageUseLine(doc: PackageFileDoc, atom: string): PackageFileDoc {
  return removePackageEntries(doc, atom);
}

/** Writes an autounmask change into the document of its file (the entry exactly as Portage printed it). */
export function applyChange(doc: PackageFileDoc, change: PackageChange): PackageEditResult {
  if (doc.kind !== change.file) return { ok: false, error: `this change belongs in ${change.file}, not ${doc.kind}`, offset: 0 };
  return addPackageEntry(doc, change.atom, change.values);
}

/**
 * The USE flags package.use entries give a package: every matching entry's flags stacked in file
 * order on top of `base` (later entries win, `-*` clears).
 */
export function packageUseFor(entries: readonly SourcedEntry[], pkg: PackageRef, base: readonly string[] = []): string[] {
  const layers = [base.join(' ')];
  for (const e of entries) if (atomMatches(e.atom, pkg)) layers.push((e.flags ?? e.values).join(' '));
  return mergeIncremental(layers);
}
