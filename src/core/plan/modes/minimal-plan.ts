// minimal mode: a trimmed Gentoo system. USE="-*" plus the flags the user keeps, locales trimmed
// (locale.gen + locale-gen), unwanted system packages taken out of @system through
// /etc/portage/profile/packages, `emerge -uDN @world`, `--depclean`, cleanup, then one layer.
import { recipeHash } from '../../recipe/recipe-hash.js';
import { basePlan, smokeTestStep, type PlanInput } from '../base-plan.js';
import type { BuildPlan, ContainerStep, FinishStep, PlanFile } from '../plan-types.js';
import { emergeArgv, emergeEnv } from '../shared-pieces.js';
import { lineValueProblem } from '../step-runner.js';
import { helperFiles, helperPath } from './helper-scripts.js';

const LOCALE_GEN_PATH = '/etc/locale.gen';
const PROFILE_PACKAGES_PATH = '/etc/portage/profile/packages';

const HEADER = '# Written by gentoo-wb for a minimal build; edit the recipe, not this file.\n';

/** What the cleanup step removes: documentation, logs and build leftovers Portage keeps. */
const MINIMAL_CLEANUP = ['/usr/share/doc', '/usr/share/gtk-doc', '/usr/share/man', '/usr/share/info', '/var/log/emerge.log', '/var/log/emerge-fetch.log', '/var/log/portage', '/var/tmp/portage', '/var/cache/edb/dep'] as const;

function checked(kind: string, values: readonly string[], pattern: RegExp): void {
  for (const v of values) {
    const problem = lineValueProblem(v) ?? (pattern.test(v) ? null : 'has a character that does not belong');
    if (problem) throw new Error(`${kind} ${JSON.stringify(v)} ${problem}`);
  }
}

/** The plan of a minimal-mode recipe. */
export function planMinimal(input: PlanInput): BuildPlan {
  const { recipe, base, sandbox } = input;
  if (recipe.mode.kind !== 'minimal') throw new Error(`planMinimal got a ${recipe.mode.kind}-mode recipe`);
  const mode = recipe.mode;
  checked('mode.keepUse flag', mode.keepUse, /^[A-Za-z0-9][A-Za-z0-9+_@.-]*$/);
  checked('mode.removeSystem atom', mode.removeSystem, /^\S+$/);
  checked('mode.locales entry', mode.locales, /^\S+( \S+)?$/);
  const use = ['-*', ...mode.keepUse].join(' ');
  const notes: string[] = [];
  const own = recipe.makeConf.USE;
  if (own !== undefined && own.trim() !== '' && own.trim() !== use) notes.push(`make.conf USE="${own}" is replaced by USE="${use}" (minimal mode: every flag off but the ones kept)`);
  const trimmed = { ...recipe, makeConf: { ...recipe.makeConf, USE: use } };
  const env = emergeEnv(trimmed, sandbox);
  const musl = base.libcPackage?.startsWith('sys-libs/musl-') ?? false;
  const atoms = ['@world', ...recipe.packages];
  const steps: ContainerStep[] = [
    {
      id: 'emerge',
      title: `emerge --update --deep --newuse ${atoms.join(' ')} with USE="${use}"`,
      argv: emergeArgv(trimmed, { extra: ['--update', '--deep', '--newuse'], atoms }),
      env,
      output: 'emerge',
      okExitCodes: [],
    },
    {
      id: 'depclean',
      title: `Remove what nothing needs any more: emerge --depclean${mode.removeSystem.length > 0 ? ` (incl. ${mode.removeSystem.join(' ')}, out of @system)` : ''}`,
      argv: ['emerge', '--depclean', '--color=n'],
      env: { ...env, CLEAN_DELAY: '0' },
      output: 'plain',
      okExitCodes: [],
    },
  ];
  if (musl) notes.push('the C library is musl: no locale-gen (musl has no compiled locales)');
  // Through a helper: a base without locale-gen keeps its compiled locales with a note instead of failing after the emerge.
  else steps.push({ id: 'locale-gen', title: `Generate only the chosen locales: ${mode.locales.join(', ') || 'none'} (locale-gen)`, argv: [helperPath('locale-gen')], env: {}, output: 'plain', okExitCodes: [] });
  // A tree or cache that is a mount is not part of the exported file system; one that came with the base is.
  const removeTree = recipe.portage.source === 'base';
  const cleanup = [...MINIMAL_CLEANUP, ...(removeTree ? ['/var/db/repos/gentoo'] : []), ...(recipe.caches.distfiles ? [] : ['/var/cache/distfiles']), ...(recipe.caches.binpkgs ? [] : ['/var/cache/binpkgs'])];
  steps.push({ id: 'cleanup', title: `Clean up: docs, man, info, logs, build leftovers${removeTree ? ', the Portage tree' : ''}`, argv: ['rm', '-rf', ...cleanup], env: {}, output: 'plain', okExitCodes: [] });

  const finish: FinishStep[] = [
    { kind: 'flatten', id: 'flatten', title: 'Export the container and import it as one layer, keeping the config', config: recipe.image },
    ...smokeTestStep(recipe),
  ];
  const plan = basePlan({ ...input, recipe: trimmed }, steps, finish);
  const files: PlanFile[] = [{ path: LOCALE_GEN_PATH, content: `${HEADER}${mode.locales.map((l) => `${l}\n`).join('')}`, mode: 0o644 }, ...(musl ? [] : helperFiles(['locale-gen']))];
  if (mode.removeSystem.length > 0) files.push({ path: PROFILE_PACKAGES_PATH, content: `${HEADER}${mode.removeSystem.map((a) => `-*${a}\n`).join('')}`, mode: 0o644 });
  if (mode.removeSystem.length > 0) notes.push(`${mode.removeSystem.join(', ')} leave @system (profile/packages) and go with --depclean when nothing else needs them and the world file does not name them`);
  return { ...plan, recipeHash: recipeHash(recipe), files: [...plan.files, ...files], notes: [...plan.notes, ...notes] };
}
