// The emerge command pretend runs: the build plan's own merge step (MODE_PLANNERS, the plan the
// build, `build --plan` and the exported Dockerfile also come from) with --pretend added, so pretend
// shows what the build will do in every mode.
import { planBuild } from '../plan/build-plan.js';
import type { ServedBinhostFacts } from '../plan/binhost-plan.js';
import type { ContainerStep, PlanBinhost, PlanFile, PlanMount } from '../plan/plan-types.js';
import { effectiveMakeConf, type BaseFacts, type SandboxFacts } from '../plan/shared-pieces.js';
import type { Recipe } from '../recipe/recipe-schema.js';

/** Ask Portage for its suggestions (off by default in some versions) but never let it write them. */
const PRETEND_OPTIONS = ['--pretend', '--autounmask=y', '--autounmask-write=n'] as const;

export interface PretendCommandOptions {
  /** Add `--tree` (dependency tree, reverse order). */
  tree?: boolean;
  /** Sandbox facts of the host, as the build would use them; unknown means "assume refused". */
  sandbox?: SandboxFacts;
  /**
   * Base facts when known: the plan then names the binary package cache as the build does, and a
   * scratch plan keeps the C library out of ROOT (package.provided) as the build does.
   */
  base?: BaseFacts | null;
  /** The namespace (GENTOO_WB_NAMESPACE) whose cache volumes the build uses; null or absent: the default. */
  namespace?: string | null;
  /** Served binhosts the recipe names, as the engine found them (see PlanInput.served). */
  served?: Record<string, ServedBinhostFacts | null>;
}

export interface PretendCommand {
  /** The base image, pinned to the recipe's digest when it has one. */
  image: string;
  argv: string[];
  env: Record<string, string>;
  /** /etc/portage files uploaded before emerge runs. */
  files: PlanFile[];
  /** The plan's cache volumes (pretend mounts those that exist, read-only). */
  caches: Extract<PlanMount, { kind: 'volume' }>[];
  /**
   * Resolving reads only the tree, the installed packages and the configuration, so pretend runs
   * without a network (`none`: faster to start, and nothing leaves the machine) unless binary packages
   * are fetched from a binhost, whose index emerge reads while resolving: then `default` (the engine's
   * bridge), or the Docker network of a served binhost, as the build joins it.
   */
  network: 'none' | 'default' | (string & {});
  /** The plan's binhosts (binrepos.conf sections), so failures can name them. */
  binhosts: PlanBinhost[];
}

const GETBINPKG_OPTIONS = /^(?:--getbinpkg(?:only)?(?:=y)?|-[A-Za-z]*[gG][A-Za-z]*)$/;

/** True when emerge would consult a binhost: FEATURES getbinpkg, or --getbinpkg / -g in argv or EMERGE_DEFAULT_OPTS. */
function usesBinhost(recipe: Recipe, argv: readonly string[], env: Record<string, string>): boolean {
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
// --binpkg-respect-use=y (which the build passes with the binary package cache) makes Portage 3.0.82
// leave USE changes out of its autounmask proposals: it prints "there are no ebuilds built with USE
// flags to satisfy …" instead of "The following USE changes are necessary to proceed", so pretend
// could not offer the change. Without the option Portage still respects USE when it picks binary
// packages (its default, "auto"), so the list pretend shows is the one the build will merge; --usepkg
// stays, so binary packages from the cache are shown as the build will use them.
const DROP = '--binpkg-respect-use';

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

/**
 * The merge step's argv with the pretend options in front. Every merge step comes from emergeArgv,
 * which already asks for `--verbose --color=n` (what the pretend reader needs) and never for an
 * option pretend must not pass on (--ask, --quiet, --tree …), so only --binpkg-respect-use goes.
 */
function pretendArgv(argv: readonly string[], tree: boolean): string[] {
  const rest = argv.slice(1).filter((a) => a.split('=')[0] !== DROP);
  return ['emerge', ...PRETEND_OPTIONS, ...(tree ? ['--tree'] : []), ...rest];
}

export type PretendPlan = { ok: true; command: PretendCommand } | { ok: false; problem: string };

/** The pretend command for a recipe, from the mode's build plan, or why the recipe has no plan. */
export function planPretend(recipe: Recipe, options: PretendCommandOptions = {}): PretendPlan {
  const sandbox = options.sandbox ?? { unshare: false };
  const tree = options.tree ?? false;
  // Without base facts the plan only misses the binary package cache's name and the C library of
  // scratch images; neither changes the emerge command.
  const base = options.base ?? { chost: 'unknown', libcFiles: [], libcPackage: null };
  const planned = planBuild({ recipe, sandbox, base, namespace: options.namespace ?? null, ...(options.served ? { served: options.served } : {}) });
  if (!planned.ok) return planned;
  const step = mainMergeStep(planned.plan.steps, recipe);
  if (!step) return { ok: false, problem: `the ${recipe.mode.kind} plan has no emerge step to pretend` };
  const argv = pretendArgv(step.argv, tree);
  const env = { ...planned.plan.container.env, ...step.env };
  return {
    ok: true,
    command: {
      image: planned.plan.container.image,
      argv,
      env,
      files: planned.plan.files.filter((f) => f.path.startsWith('/etc/portage/')),
      caches: planned.plan.container.mounts.filter((m): m is Extract<PlanMount, { kind: 'volume' }> => m.kind === 'volume'),
      network: planned.plan.container.network ?? (usesBinhost(recipe, argv, env) ? 'default' : 'none'),
      binhosts: planned.plan.binhosts,
    },
  };
}

/** The pretend command for a recipe; throws when the recipe has no plan (see `planPretend`). */
export function pretendCommand(recipe: Recipe, options: PretendCommandOptions = {}): PretendCommand {
  const planned = planPretend(recipe, options);
  if (!planned.ok) throw new Error(planned.problem);
  return planned.command;
}
