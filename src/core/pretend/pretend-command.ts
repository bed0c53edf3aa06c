// The emerge command pretend runs: the build plan's own merge step with --pretend added, so pretend
// shows what the build will do. Modes without a planner yet fall back to the same shared pieces
// (ROOT=/destination for scratch, --emptytree @world for stage4, -uDN @world for minimal).
import { planBuild } from '../plan/build-plan.js';
import type { ContainerStep, PlanFile } from '../plan/plan-types.js';
import { effectiveMakeConf, emergeArgv, emergeEnv, type SandboxFacts } from '../plan/shared-pieces.js';
import { renderPortageFiles } from '../recipe/render-portage-files.js';
import type { Recipe } from '../recipe/recipe-schema.js';

/** Ask Portage for its suggestions (off by default in some versions) but never let it write them. */
export const PRETEND_OPTIONS = ['--pretend', '--autounmask=y', '--autounmask-write=n'] as const;

/** Where scratch builds install: the future image's root inside the builder. */
export const SCRATCH_ROOT = '/destination';

export interface PretendCommandOptions {
  /** Add `--tree` (dependency tree, reverse order). */
  tree?: boolean;
  /** Sandbox facts of the host, as the build would use them; unknown means "assume refused". */
  sandbox?: SandboxFacts;
}

export interface PretendCommand {
  /** The base image, pinned to the recipe's digest when it has one. */
  image: string;
  argv: string[];
  env: Record<string, string>;
  /** /etc/portage files uploaded before emerge runs. */
  files: PlanFile[];
  /** `plan`: taken from the mode's build plan; `mode`: built here from the shared pieces. */
  source: 'plan' | 'mode';
  /**
   * Resolving reads only the tree, the installed packages and the configuration, so pretend runs
   * without a network (faster to start, and nothing leaves the machine) unless binary packages are
   * fetched from a binhost, whose index emerge reads while resolving.
   */
  network: 'none' | 'default';
}

const GETBINPKG_OPTIONS = /^(?:--getbinpkg(?:only)?(?:=y)?|-[A-Za-z]*[gG][A-Za-z]*)$/;

/** True when emerge would consult a binhost: FEATURES getbinpkg, or --getbinpkg / -g in argv or EMERGE_DEFAULT_OPTS. */
export function usesBinhost(recipe: Recipe, argv: readonly string[], env: Record<string, string>): boolean {
  const conf = effectiveMakeConf(recipe.makeConf);
  const features = `${conf.FEATURES ?? ''} ${env.FEATURES ?? ''}`.split(/\s+/);
  // FEATURES is incremental: the last mention wins.
  const last = features.filter((f) => f === 'getbinpkg' || f === '-getbinpkg').at(-1);
  if (last === 'getbinpkg') return true;
  const opts = [...argv.slice(1), ...(conf.EMERGE_DEFAULT_OPTS ?? '').split(/\s+/)];
  return opts.some((o) => GETBINPKG_OPTIONS.test(o));
}

const ACTIONS = new Set(['--depclean', '--unmerge', '--info', '--sync', '--prune', '--version', '--search', '--deselect', '--resume', '--config', '--regen']);
const SHORT_ACTIONS = /^-[A-Za-z]*[cCPVsr]/;
const DROP = new Set(['--ask', '-a', '--pretend', '-p', '--autounmask', '--autounmask-write', '--tree', '-t', '--quiet', '-q']);

function isMergeStep(step: ContainerStep): boolean {
  if (step.output !== 'emerge' || step.argv[0] !== 'emerge') return false;
  return !step.argv.slice(1).some((a) => ACTIONS.has(a.split('=')[0] ?? a) || (!a.startsWith('--') && SHORT_ACTIONS.test(a)));
}

/** The merge step whose atoms are the recipe's (or @world), else the last merge step. */
function mainMergeStep(steps: readonly ContainerStep[], recipe: Recipe): ContainerStep | null {
  const merges = steps.filter(isMergeStep);
  const wanted = recipe.packages.length > 0 ? recipe.packages : ['@world'];
  return merges.find((s) => wanted.every((a) => s.argv.includes(a))) ?? merges[merges.length - 1] ?? null;
}

/** emerge argv with the pretend options in front and `--verbose --color=n` guaranteed. */
export function pretendArgv(argv: readonly string[], tree: boolean): string[] {
  const rest = argv.slice(1).filter((a) => !DROP.has(a.split('=')[0] ?? a));
  const extra: string[] = [...PRETEND_OPTIONS];
  if (tree) extra.push('--tree');
  if (!rest.includes('--verbose') && !rest.includes('-v')) extra.push('--verbose');
  if (!rest.some((a) => a.startsWith('--color'))) extra.push('--color=n');
  return ['emerge', ...extra, ...rest];
}

function fromModeTable(recipe: Recipe, sandbox: SandboxFacts): { argv: string[]; env: Record<string, string> } {
  const env = emergeEnv(recipe, sandbox);
  switch (recipe.mode.kind) {
    case 'commit':
      return { argv: emergeArgv(recipe, { atoms: recipe.packages }), env };
    case 'scratch':
      return { argv: emergeArgv(recipe, { atoms: recipe.packages }), env: { ...env, ROOT: SCRATCH_ROOT } };
    case 'stage4':
      return { argv: emergeArgv(recipe, { extra: ['--emptytree'], atoms: ['@world', ...recipe.packages] }), env };
    case 'minimal':
      return { argv: emergeArgv(recipe, { extra: ['--update', '--deep', '--newuse'], atoms: ['@world', ...recipe.packages] }), env };
  }
}

/** The pretend command for a recipe. */
export function pretendCommand(recipe: Recipe, options: PretendCommandOptions = {}): PretendCommand {
  const sandbox = options.sandbox ?? { unshare: false };
  const tree = options.tree ?? false;
  // The plan needs base facts only for cache volume names and the C library of scratch images,
  // neither of which changes the emerge command.
  const planned = planBuild({ recipe, sandbox, base: { chost: 'unknown', libcFiles: [], libcPackage: null } });
  if (planned.ok) {
    const step = mainMergeStep(planned.plan.steps, recipe);
    if (step) {
      const argv = pretendArgv(step.argv, tree);
      const env = { ...planned.plan.container.env, ...step.env };
      return {
        image: planned.plan.container.image,
        argv,
        env,
        files: planned.plan.files.filter((f) => f.path.startsWith('/etc/portage/')),
        source: 'plan',
        network: usesBinhost(recipe, argv, env) ? 'default' : 'none',
      };
    }
  }
  const fallback = fromModeTable(recipe, sandbox);
  const image = recipe.base.digest ? `${recipe.base.image.split('@')[0]}@${recipe.base.digest}` : recipe.base.image;
  const argv = pretendArgv(fallback.argv, tree);
  return { image, argv, env: fallback.env, files: renderPortageFiles(recipe), source: 'mode', network: usesBinhost(recipe, argv, fallback.env) ? 'default' : 'none' };
}
