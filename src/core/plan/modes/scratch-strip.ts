// What a scratch image leaves out, each a recipe option (mode.strip) with a default of "strip":
// plain argv steps (rm, find) so the plan printout shows exactly what goes.
import type { BuildMode } from '../../recipe/recipe-schema.js';
import type { ContainerStep } from '../plan-types.js';
import { SCRATCH_ROOT } from './mode-paths.js';

/** mode.strip of a scratch recipe. */
export type StripOptions = Extract<BuildMode, { kind: 'scratch' }>['strip'];

/** Folders and files each path-based option removes, inside ROOT. */
const STRIP_PATHS = {
  docs: ['/usr/share/doc', '/usr/share/gtk-doc'],
  man: ['/usr/share/man'],
  info: ['/usr/share/info'],
  headers: ['/usr/include'],
  pkgconfig: ['/usr/lib/pkgconfig', '/usr/lib64/pkgconfig', '/usr/share/pkgconfig'],
  packageDb: ['/var/db/pkg'],
  portageState: ['/var/lib/portage', '/var/cache/edb', '/var/log/emerge.log', '/var/log/portage', '/var/tmp/portage', '/etc/portage'],
} as const satisfies Partial<Record<keyof StripOptions, readonly string[]>>;

/** Locale sources (for locale-gen, never read at run time) go with the locales option. */
const LOCALE_SOURCES = '/usr/share/i18n';

/**
 * gettext folder names to keep for L10N tags: `en-GB` keeps `en_GB` and its fallback `en`;
 * `sr-Latn` keeps `sr@latin` as well.
 */
function localeDirsToKeep(l10n: string): string[] {
  const keep = new Set<string>();
  for (const tag of l10n.split(/\s+/).filter(Boolean)) {
    const [lang = '', ...rest] = tag.split('-');
    keep.add(lang);
    if (rest.length === 0) continue;
    if (rest[0] === 'Latn') keep.add(`${lang}@latin`);
    keep.add(`${lang}_${rest.join('_')}`);
  }
  return [...keep].filter((d) => /^[A-Za-z0-9_@]+$/.test(d)).sort();
}

/** The strip steps for these options; `l10n` is the recipe's L10N. */
export function stripSteps(strip: StripOptions, l10n: string, root = SCRATCH_ROOT): ContainerStep[] {
  const steps: ContainerStep[] = [];
  const step = (id: string, title: string, argv: string[]): ContainerStep => ({ id, title, argv, env: {}, output: 'plain', okExitCodes: [] });
  const chosen = (Object.keys(STRIP_PATHS) as (keyof typeof STRIP_PATHS)[]).filter((k) => strip[k]);
  const paths: string[] = chosen.flatMap((k) => STRIP_PATHS[k]);
  if (strip.locales) paths.push(LOCALE_SOURCES);
  if (paths.length > 0) steps.push(step('strip', `Strip from ROOT: ${[...chosen, ...(strip.locales ? ['locale sources'] : [])].join(', ')}`, ['rm', '-rf', ...paths.map((p) => `${root}${p}`)]));
  if (strip.staticLibs) {
    steps.push(step('strip-static', 'Strip static libraries and libtool archives (*.a, *.la) from ROOT', ['find', root, '-type', 'f', '(', '-name', '*.a', '-o', '-name', '*.la', ')', '-exec', 'rm', '-f', '{}', '+']));
  }
  if (strip.locales) {
    const keep = localeDirsToKeep(l10n);
    const title = keep.length > 0 ? `Strip message catalogues except L10N (${keep.join(', ')}) from ROOT` : 'Strip message catalogues from ROOT (no L10N chosen)';
    // -prune stops at the first level under locale/, so only language folders are matched.
    const argv = ['find', root, '-path', `${root}/usr/share/locale/*`, '-prune', '-type', 'd', ...keep.flatMap((d) => ['!', '-name', d]), '-exec', 'rm', '-rf', '{}', '+'];
    steps.push(step('strip-locales', title, argv));
  }
  return steps;
}
