// distcc in a build plan. The build container needs the distcc client and the masquerade links that
// Portage's FEATURES=distcc puts first on PATH (/usr/lib*/distcc): the first step emerges
// sys-devel/distcc --oneshot into the builder (from the binary package cache when the recipe has one,
// so it compiles once), and the last step unmerges it again, so the image holds no distcc unless the
// recipe builds it. The emerge steps get FEATURES=distcc, DISTCC_HOSTS and MAKEOPTS through their step
// env — never make.conf, never the container's environment (a commit copies that into the image) — and
// DISTCC_DIR inside the step runner's folder, which the runner removes before the container becomes an image.
import { parseAtom } from '../portage/atom-parser.js';
import { emergeEnv, type SandboxFacts } from '../plan/shared-pieces.js';
import type { ContainerStep } from '../plan/plan-types.js';
import { RUNNER_DIR } from '../plan/step-runner.js';
import type { Recipe } from '../recipe/recipe-schema.js';
import type { DistccSettings } from './distcc-hosts.js';

export const DISTCC_PACKAGE = 'sys-devel/distcc';
/** distcc's lock and state folder during the build (Portage's default would be /var/tmp/portage/.distcc, left in the image). */
const BUILD_DISTCC_DIR = `${RUNNER_DIR}/distcc`;

/** Portage's blocker cache, and the mark (in the runner's folder, removed with it) that it did not exist before distcc came. */
const BLOCKER_CACHE = '/var/cache/edb/vdb_blockers.pickle';
const NO_BLOCKER_CACHE_MARK = `${RUNNER_DIR}/distcc-no-blocker-cache`;
/** Portage's unmerge work folder under the default PORTAGE_TMPDIR. */
const UNMERGE_DIR = '/var/tmp/portage/._unmerge_';

/** True when the recipe builds distcc itself (then it stays in the image). */
function recipeWantsDistcc(recipe: Recipe): boolean {
  return recipe.packages.some((text) => {
    const parsed = parseAtom(text);
    return parsed.ok && parsed.atom.kind === 'package' && `${parsed.atom.category}/${parsed.atom.name}` === DISTCC_PACKAGE;
  });
}

/** The step that puts the distcc client and its masquerade links into the build container. */
function distccInstallStep(recipe: Recipe, sandbox: SandboxFacts): ContainerStep {
  const cache = recipe.caches.binpkgs ? ['--usepkg', '--buildpkg'] : [];
  return {
    id: 'distcc-install',
    title: `Install the distcc client in the build container (${DISTCC_PACKAGE}, removed before the image is made)`,
    // A constant script runs the emerge given as its arguments, noting first whether Portage's blocker
    // cache exists: the depgraph of this emerge or of the unmerge may write it, a build without distcc not.
    argv: ['/bin/sh', '-c', `[ -e ${BLOCKER_CACHE} ] || : > ${NO_BLOCKER_CACHE_MARK}; exec "$@"`, 'sh', 'emerge', '--oneshot', '--verbose', '--color=n', ...cache, DISTCC_PACKAGE],
    env: emergeEnv(recipe, sandbox),
    output: 'plain',
    okExitCodes: [],
  };
}

/**
 * The step that takes distcc out again. A constant script (no recipe text in it): minimal mode's
 * depclean may have removed the --oneshot package already, which is fine.
 */
function distccRemoveStep(): ContainerStep {
  return {
    id: 'distcc-remove',
    title: `Remove the distcc client from the build container (${DISTCC_PACKAGE})`,
    // The unmerge leaves Portage's empty ._unmerge_ work folder behind, which a build without distcc has not.
    argv: ['/bin/sh', '-c', `if portageq has_version / ${DISTCC_PACKAGE}; then emerge --unmerge --color=n ${DISTCC_PACKAGE} || exit; rmdir ${UNMERGE_DIR} 2>/dev/null; fi; if [ -e ${NO_BLOCKER_CACHE_MARK} ]; then rm -f ${BLOCKER_CACHE} ${NO_BLOCKER_CACHE_MARK}; fi; exit 0`],
    // Portage counts down CLEAN_DELAY seconds before an unmerge.
    env: { CLEAN_DELAY: '0' },
    output: 'plain',
    okExitCodes: [],
  };
}

/** FEATURES with `distcc` added once. */
function withDistccFeature(features: string | undefined): string {
  const words = (features ?? '').split(/\s+/).filter(Boolean);
  return words.includes('distcc') ? words.join(' ') : [...words, 'distcc'].join(' ');
}

/** The environment an emerge step gets on top of its own for distcc. */
function distccStepEnv(env: Record<string, string>, settings: DistccSettings): Record<string, string> {
  return { ...env, FEATURES: withDistccFeature(env.FEATURES), DISTCC_HOSTS: settings.hosts, MAKEOPTS: settings.makeopts, DISTCC_DIR: BUILD_DISTCC_DIR };
}

/** The mode's steps with distcc around them: installed first, every emerge step sending its compile jobs away, removed last. */
export function withDistccSteps(recipe: Recipe, sandbox: SandboxFacts, modeSteps: readonly ContainerStep[], settings: DistccSettings): ContainerStep[] {
  const steps = modeSteps.map((s) => (s.output === 'emerge' ? { ...s, env: distccStepEnv(s.env, settings) } : s));
  return [distccInstallStep(recipe, sandbox), ...steps, ...(recipeWantsDistcc(recipe) ? [] : [distccRemoveStep()])];
}

/** What `build --plan` says about distcc: the helpers' DISTCC_HOSTS and MAKEOPTS, or that they are known once the helpers run. */
export function distccNotes(recipe: Recipe, settings: DistccSettings | undefined): string[] {
  if (settings) return [`distcc: DISTCC_HOSTS="${settings.hosts}" MAKEOPTS="${settings.makeopts}" for the emerge steps`];
  if (!recipe.distcc) return [];
  return [`distcc: distccd helpers start on ${recipe.distcc.engines.join(', ')} when the build does; its emerge steps then get FEATURES=distcc, DISTCC_HOSTS and MAKEOPTS from their CPUs, and sys-devel/distcc is emerged before and unmerged after them`];
}
