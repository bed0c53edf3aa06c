// The exact /etc/portage files a build uploads for a recipe. One function, so pretend, build and the
// generated Dockerfile all write the same bytes.
import type { Recipe } from './recipe-schema.js';

export interface PortageFile {
  /** Absolute path inside the container. */
  path: string;
  content: string;
  mode: number;
}

const HEADER = '# Written by gentoo-wb from the recipe; edit the recipe, not this file.\n';

/**
 * Quote a make.conf value so that both readers, Portage's getconfig and a shell sourcing the file,
 * get the text as entered: double quotes, with `"`, `\`, backticks and every `$` that does not
 * start a variable reference escaped. `${VAR}` and `$VAR` stay live on purpose (users write
 * `CXXFLAGS="${CFLAGS}"`); `$(…)`, `$((…))`, `$$` become inert text. (Backticks and backslashes,
 * which the two readers unescape differently, are refused by recipe validation.)
 */
export function quoteMakeConfValue(value: string): string {
  return `"${value.replace(/[\\"`]|\$(?!\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_])/g, (c) => `\\${c}`)}"`;
}

/** make.conf text for these variables, in the order given. */
export function renderMakeConf(vars: Record<string, string>): string {
  return HEADER + Object.entries(vars).map(([k, v]) => `${k}=${quoteMakeConfValue(v)}\n`).join('');
}

function entriesFile(lines: string[]): string {
  return HEADER + lines.map((l) => `${l}\n`).join('');
}

/** The /etc/portage files of a recipe; package.* files only when they have entries. */
export function renderPortageFiles(recipe: Recipe): PortageFile[] {
  const files: PortageFile[] = [{ path: '/etc/portage/make.conf', content: renderMakeConf(recipe.makeConf), mode: 0o644 }];
  const add = (name: string, lines: string[]) => {
    if (lines.length > 0) files.push({ path: `/etc/portage/${name}/gentoo-wb`, content: entriesFile(lines), mode: 0o644 });
  };
  add('package.use', recipe.packageUse.map((e) => `${e.atom} ${e.flags.join(' ')}`));
  add('package.accept_keywords', recipe.packageAcceptKeywords.map((e) => (e.keywords.length ? `${e.atom} ${e.keywords.join(' ')}` : e.atom)));
  add('package.mask', recipe.packageMask);
  add('package.unmask', recipe.packageUnmask);
  add('package.license', recipe.packageLicense.map((e) => `${e.atom} ${e.licenses.join(' ')}`));
  return files;
}
