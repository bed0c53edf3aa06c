// Autounmask sections ("The following USE changes are necessary to proceed:") turned into
// structured changes that can be written into package.* files.
import type { ChangeKind, PackageChange } from './pretend-types.js';

const HEADER_RE = /^The following (keyword|mask|USE|license) changes are necessary to proceed:\s*$/;

const KIND_BY_WORD: Record<string, ChangeKind> = { keyword: 'keywords', mask: 'unmask', USE: 'use', license: 'license' };

/** The package.* file each change kind is written to. */
export const CHANGE_FILES: Record<ChangeKind, PackageChange['file']> = {
  use: 'package.use',
  keywords: 'package.accept_keywords',
  mask: 'package.mask',
  unmask: 'package.unmask',
  license: 'package.license',
};

/**
 * The change kind of an autounmask section header; Portage's "mask changes" are package.unmask
 * entries, so they map to `unmask`.
 */
export function autounmaskSectionKind(line: string): ChangeKind | null {
  const m = HEADER_RE.exec(line);
  return m ? (KIND_BY_WORD[m[1] ?? ''] ?? null) : null;
}

function chainEntries(comment: string): string[] | null {
  const body = comment.replace(/^#\s?/, '');
  if (!body.startsWith('required by ')) return null;
  // Before 2013 the whole chain was one comment: "#required by a, required by b (argument)".
  return body.slice('required by '.length).split(', required by ').map((s) => s.trim()).filter(Boolean);
}

/** Parses the lines of one section (after its header) into changes. */
export function parseAutounmaskSection(kind: ChangeKind, lines: readonly string[]): PackageChange[] {
  const changes: PackageChange[] = [];
  let requiredBy: string[] = [];
  let comments: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length === 0 || (line.startsWith('(see "') && line.endsWith('details)'))) continue;
    if (line.startsWith('#')) {
      const chain = chainEntries(line);
      if (chain) requiredBy.push(...chain);
      else comments.push(line);
      continue;
    }
    const tokens = line.split(/\s+/);
    const atom = tokens[0] ?? '';
    changes.push({ kind, line, atom, values: tokens.slice(1), requiredBy, comments, file: CHANGE_FILES[kind] });
    requiredBy = [];
    comments = [];
  }
  return changes;
}
