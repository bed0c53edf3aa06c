// What every build mode shares: the Portage tree source, cache volumes, sandbox FEATURES and the
// emerge options that make a rebuild of an unchanged recipe install binary packages.
import { createHash } from 'node:crypto';
import { evaluateMakeConf } from '../portage/make-conf/make-conf-eval.js';
import { parseMakeConf } from '../portage/make-conf/make-conf-parser.js';
import { objectNamePrefix } from '../labels.js';
import type { Recipe } from '../recipe/recipe-schema.js';
import { mergeMakeConf, renderMakeConf } from '../recipe/render-portage-files.js';
import { binhostEmergeOptions, binhostFeatures } from './binhost-plan.js';
import type { PlanMount } from './plan-types.js';

/** Facts about the base image the plan depends on (read by the engine before planning). */
export interface BaseFacts {
  /** CHOST of the base, e.g. x86_64-pc-linux-gnu. */
  chost: string;
  /** Files the installed C library package owns (from its /var/db/pkg CONTENTS), for scratch images. */
  libcFiles: string[];
  /** cat/pf of the installed C library package, e.g. sys-libs/glibc-2.40-r5. */
  libcPackage: string | null;
  /**
   * The base's own /etc/portage/make.conf text, which the recipe's is merged into; null when the base
   * has none; absent when it was not read (the recipe's make.conf is then written alone).
   */
  makeConf?: string | null;
  /**
   * The base's profile: its /etc/portage/make.profile link target (or emerge --info's profile), e.g.
   * `../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0/systemd`; Gentoo's binhost URL is
   * named after its architecture and version. Null: no profile; absent: not read.
   */
  profile?: string | null;
}

/** What the host-check probe found about sandboxing inside containers. */
export interface SandboxFacts {
  /** unshare() works in a default container (Portage's ipc/network/pid sandboxes can run). */
  unshare: boolean;
}

/** The distfiles cache volume of a namespace (null: the default one). */
export function distfilesVolume(namespace: string | null = null): string {
  return `${objectNamePrefix(namespace)}distfiles`;
}

/** The ccache volume of a namespace (null: the default one). */
function ccacheVolume(namespace: string | null = null): string {
  return `${objectNamePrefix(namespace)}ccache`;
}

/** make.conf as Portage will read it: the rendered file evaluated with its own ${VAR} references. */
export function effectiveMakeConf(vars: Record<string, string>): Record<string, string> {
  return evaluateMakeConf(parseMakeConf(renderMakeConf(vars))).variables;
}

/** Binary packages only mix when CHOST and CFLAGS agree, so the volume name carries both. */
export function binpkgCacheKey(chost: string, cflags: string): string {
  return createHash('sha256').update(`${chost}\0${cflags.trim().replace(/\s+/g, ' ')}`).digest('hex').slice(0, 12);
}

export function binpkgVolume(chost: string, cflags: string, namespace: string | null = null): string {
  return `${objectNamePrefix(namespace)}binpkgs-${binpkgCacheKey(chost, cflags)}`;
}

/** CFLAGS as the build's make.conf gives them: the recipe's, else the base's. */
function buildCflags(recipe: Recipe, base: BaseFacts): string {
  const makeConf = base.makeConf === undefined ? renderMakeConf(recipe.makeConf) : mergeMakeConf(base.makeConf, recipe.makeConf);
  return evaluateMakeConf(parseMakeConf(makeConf)).variables.CFLAGS ?? '';
}

/** The build's own binary package cache key (what a served binhost must match). */
export function buildCacheKey(recipe: Recipe, base: BaseFacts): string {
  return binpkgCacheKey(base.chost, buildCflags(recipe, base));
}

/** Cache volumes (named in `namespace`; null: the default one) and the tree bind for a recipe. */
export function sharedMounts(recipe: Recipe, base: BaseFacts, namespace: string | null = null): PlanMount[] {
  const mounts: PlanMount[] = [];
  const cflags = buildCflags(recipe, base);
  if (recipe.caches.distfiles) mounts.push({ kind: 'volume', name: distfilesVolume(namespace), target: '/var/cache/distfiles', role: 'distfiles' });
  if (recipe.caches.binpkgs) mounts.push({ kind: 'volume', name: binpkgVolume(base.chost, cflags, namespace), target: '/var/cache/binpkgs', role: 'binpkgs' });
  if (recipe.caches.ccache) mounts.push({ kind: 'volume', name: ccacheVolume(namespace), target: '/var/cache/ccache', role: 'ccache' });
  if (recipe.portage.source === 'host') mounts.push({ kind: 'bind', source: recipe.portage.path, target: '/var/db/repos/gentoo', readOnly: true });
  return mounts;
}

/** FEATURES to add for this host: sandboxes off where unshare is refused, ccache when cached, binhosts. */
function extraFeatures(recipe: Recipe, sandbox: SandboxFacts): string[] {
  const features: string[] = [];
  if (!sandbox.unshare) features.push('-ipc-sandbox', '-network-sandbox', '-pid-sandbox');
  if (recipe.caches.ccache) features.push('ccache');
  features.push(...binhostFeatures(recipe));
  return features;
}

/** Environment for emerge: FEATURES additions (Portage merges env FEATURES incrementally) and cache dirs. */
export function emergeEnv(recipe: Recipe, sandbox: SandboxFacts): Record<string, string> {
  const env: Record<string, string> = {};
  const features = extraFeatures(recipe, sandbox);
  const declared = recipe.makeConf.FEATURES ?? '';
  const missing = features.filter((f) => !declared.split(/\s+/).includes(f));
  if (missing.length > 0) env.FEATURES = [declared, ...missing].filter(Boolean).join(' ');
  if (recipe.caches.ccache) env.CCACHE_DIR = '/var/cache/ccache';
  return env;
}

export interface EmergeOptions {
  /** Extra options before the atoms (e.g. --emptytree). */
  extra?: string[];
  atoms: string[];
}

/** `emerge` argv: parallel jobs, verbose output, binary packages when the cache is on or binhosts are named. */
export function emergeArgv(recipe: Recipe, options: EmergeOptions): string[] {
  const argv = ['emerge', '--verbose', `--jobs=${recipe.jobs.emerge}`];
  if (recipe.jobs.loadAverage !== undefined) argv.push(`--load-average=${recipe.jobs.loadAverage}`);
  if (recipe.jobs.keepGoing) argv.push('--keep-going');
  if (recipe.caches.binpkgs) argv.push('--usepkg', '--buildpkg');
  argv.push(...binhostEmergeOptions(recipe));
  // A binary built with other USE flags is not taken (the package compiles, or with --getbinpkgonly fails).
  if (recipe.caches.binpkgs || recipe.binaries.hosts.length > 0) argv.push('--binpkg-respect-use=y');
  // Not push(...atoms): spreading a long list into a call's arguments overflows the stack.
  return argv.concat('--color=n', options.extra ?? [], options.atoms);
}
