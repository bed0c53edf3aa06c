// A profile and its parents as Portage stacks them (parents first, each `parent` file line relative
// to its folder), the package masks the stack leaves standing, and the ARCH it sets. Pure: the engine
// hands over the text of every `parent`, `make.defaults` and `package.mask` under profiles/.
import path from 'node:path/posix';
import { parsePackageFile } from '../package-files/package-file-parser.js';
import type { MaskEntry } from './repo-index-types.js';

/** Files under profiles/, keyed by their path relative to profiles/ (`test/amd64/parent`). */
export type ProfileFiles = ReadonlyMap<string, string>;

const MAX_DEPTH = 32;

/** The profile folders in stacking order (root parents first, `profile` last). */
export function profileStack(profile: string, files: ProfileFiles): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH || seen.has(dir)) return;
    seen.add(dir);
    const parent = files.get(`${dir}/parent`);
    for (const raw of parent?.split('\n') ?? []) {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') continue;
      // `gentoo:default/linux` names a profile of a repository (this one, as far as the index goes).
      const repoRef = /^[A-Za-z0-9_][A-Za-z0-9_-]*:(.+)$/.exec(line);
      const target = repoRef ? path.normalize(repoRef[1]!) : path.normalize(path.join(dir, line));
      if (!target.startsWith('..')) visit(target === '.' ? '' : target, depth + 1);
    }
    out.push(dir);
  };
  visit(path.normalize(profile).replace(/\/$/, ''), 0);
  return out;
}

/** The contents of a package.mask file or folder of a profile dir, in Portage's read order. */
function maskTexts(dir: string, files: ProfileFiles): [string, string][] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const single = files.get(`${prefix}package.mask`);
  if (single !== undefined) return [[`${prefix}package.mask`, single]];
  const inFolder = [...files.keys()].filter((k) => k.startsWith(`${prefix}package.mask/`) && !path.basename(k).startsWith('.') && !k.slice(prefix.length + 13).includes('/'));
  return inFolder.sort().map((k) => [k, files.get(k)!]);
}

/** Masks of one file: entries with the comment block above them as the reason; `-atom` lifts one. */
function maskLines(file: string, text: string): { atom: string; negated: boolean; entry: MaskEntry }[] {
  const out: { atom: string; negated: boolean; entry: MaskEntry }[] = [];
  let comment: string[] = [];
  for (const line of parsePackageFile('package.mask', text).lines) {
    if (line.kind === 'comment') comment.push(line.text.trim());
    else if (line.kind === 'blank') comment = [];
    else if (line.kind === 'entry') {
      // Gentoo's headers are "Name <mail> (date)" then the why: keep the why.
      const why = comment.filter((c, i) => !(i === 0 && /<[^>]*@[^>]*>/.test(c))).join(' ').trim();
      out.push({ atom: line.atomText, negated: line.negated, entry: { atom: line.atomText, file: `profiles/${file}`, reason: why } });
    }
  }
  return out;
}

/** Masks left by the repository's profiles/package.mask and then the profile stack. */
export function stackedMasks(stack: readonly string[], files: ProfileFiles): MaskEntry[] {
  const masks = new Map<string, MaskEntry>();
  for (const dir of ['', ...stack.filter((d) => d !== '')]) {
    for (const [file, text] of maskTexts(dir, files)) {
      for (const m of maskLines(file, text)) {
        if (m.negated) masks.delete(m.atom);
        else masks.set(m.atom, m.entry);
      }
    }
  }
  return [...masks.values()];
}

/** ARCH as the stack's make.defaults set it (the last one wins), or null. */
export function stackArch(stack: readonly string[], files: ProfileFiles): string | null {
  let arch: string | null = null;
  for (const dir of stack) {
    const text = files.get(dir === '' ? 'make.defaults' : `${dir}/make.defaults`);
    for (const m of text?.matchAll(/^\s*ARCH=(["']?)([A-Za-z0-9_-]+)\1\s*$/gm) ?? []) arch = m[2]!;
  }
  return arch;
}
