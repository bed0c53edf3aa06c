// The exact /etc/portage files a build uploads for a recipe. One function, so pretend, build and the
// generated Dockerfile all write the same bytes. The recipe's make.conf is merged into the base
// image's own (when the engine read it), never written over it.
import { isIncrementalVariable } from '../portage/make-conf/make-conf-eval.js';
import { parseMakeConf } from '../portage/make-conf/make-conf-parser.js';
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

const MERGE_HEADER = '# Added by gentoo-wb from the recipe: the base image\'s settings above stay unless set here;\n'
  + '# FEATURES, USE and the other incremental variables add the recipe\'s words after the base\'s.\n';

/**
 * The base image's make.conf with the recipe's variables merged in: the base's text stays as it is
 * (comments, `source` lines and all), then the recipe's assignments follow. A later assignment
 * overrides an earlier one, which is what a recipe's CFLAGS should do; an incremental variable
 * (FEATURES, USE, ACCEPT_KEYWORDS, USE_EXPAND ones such as PYTHON_TARGETS, …) the base assigns is
 * extended instead (`FEATURES="${FEATURES} ccache"`), so the base's words stay first. A recipe's empty
 * incremental value adds nothing. `base` null: the base has no make.conf, the recipe's stands alone.
 */
export function mergeMakeConf(base: string | null, vars: Record<string, string>): string {
  if (base === null) return renderMakeConf(vars);
  const assigned = new Set(parseMakeConf(base).nodes.flatMap((n) => (n.kind === 'assignment' ? [n.name] : [])));
  const lines: string[] = [];
  for (const [name, value] of Object.entries(vars)) {
    if (!isIncrementalVariable(name)) lines.push(`${name}=${quoteMakeConfValue(value)}`);
    else if (value.trim() === '') continue;
    // Within one file Portage does not stack: the reference keeps the base's words in front.
    else lines.push(`${name}=${assigned.has(name) ? quoteMakeConfValue(`\${${name}} ${value.trim()}`) : quoteMakeConfValue(value)}`);
  }
  if (lines.length === 0) return base;
  const separator = base === '' || base.endsWith('\n') ? '' : '\n';
  return `${base}${separator}\n${MERGE_HEADER}${lines.map((l) => `${l}\n`).join('')}`;
}

function entriesFile(lines: string[]): string {
  return HEADER + lines.map((l) => `${l}\n`).join('');
}

/**
 * The /etc/portage files of a recipe; package.* files only when they have entries. With the base's
 * make.conf text (null: it has none) the recipe's make.conf is merged into it (see mergeMakeConf);
 * without (undefined: not read) the recipe's make.conf is written alone.
 */
export function renderPortageFiles(recipe: Recipe, baseMakeConf?: string | null): PortageFile[] {
  const makeConf = baseMakeConf === undefined ? renderMakeConf(recipe.makeConf) : mergeMakeConf(baseMakeConf, recipe.makeConf);
  const files: PortageFile[] = [{ path: '/etc/portage/make.conf', content: makeConf, mode: 0o644 }];
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
