// What the package search shows and adds, as pure functions: eix-like version markers and the atom
// Enter adds (the highlighted package, or the text as typed when it names that package or none is highlighted).
import { parseAtom } from '../../../../core/portage/atom-parser.js';
import type { IndexedVersion } from '../../../../core/portage/repo-index/repo-index-types.js';
import type { ColorToken } from '../../../../core/theme.js';

/** `2.12.1` stable, `~8.4.2` testing, `**9999` without keywords, `[M]` in front when masked (as eix marks them). */
export function versionLabel(v: IndexedVersion): string {
  const keyword = v.state === 'testing' ? '~' : v.state === 'unkeyworded' ? '**' : '';
  return `${v.mask ? '[M]' : ''}${keyword}${v.version}`;
}

/** The tone of a version: masked fail, testing or unkeyworded warn, stable pass. */
export function versionTone(v: IndexedVersion): ColorToken {
  return v.mask ? 'fail' : v.state === 'stable' ? 'pass' : 'warn';
}

/** The atom Enter adds: the typed text when nothing is highlighted or it already selects the highlighted package. */
export function atomToAdd(typed: string, highlighted: string | null): { atom: string; asTyped: boolean } {
  const text = typed.trim();
  if (highlighted === null) return { atom: text, asTyped: true };
  const parsed = parseAtom(text);
  if (parsed.ok && parsed.atom.kind === 'package' && `${parsed.atom.category}/${parsed.atom.name}` === highlighted) return { atom: text, asTyped: true };
  return { atom: highlighted, asTyped: false };
}
