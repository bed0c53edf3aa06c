// Before a build container exists: facts about the base, the plan, cache volumes and the Portage
// snapshot. Everything that can fail for a simple reason fails here, with that reason.
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { planBuild } from '../../core/plan/build-plan.js';
import type { BuildPlan } from '../../core/plan/plan-types.js';
import { usesOfficialBinhost, type ServedBinhostFacts } from '../../core/plan/binhost-plan.js';
import type { SandboxFacts } from '../../core/plan/shared-pieces.js';
import type { DistccSettings } from '../../core/distcc/distcc-hosts.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { appVersion } from '../app-info.js';
import { inspectBaseCached, readBaseMakeConfCached } from '../base/base-facts-cache.js';
import type { BaseInfo } from '../base/inspect-base.js';
import { readBaseProfile } from '../base/base-files.js';
import { findServedBinhost } from '../binhost/find-served-binhost.js';
import { createVolume, EngineError, inspectImage, inspectVolume } from '../docker/index.js';
import { currentNamespace } from '../docker/object-names.js';
import { treeMountsFor } from '../repo/tree-source.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';

export interface PreparedBuild {
  plan: BuildPlan;
  /** The base image's ID (what the result's source-image label names). */
  baseImageId: string;
  /** Facts read from a probe container, when the plan needed them. */
  base: BaseInfo | null;
  /** VolumesFrom entries for the builder (the Portage snapshot container). */
  volumesFrom: string[];
}

/** Volumes the plan mounts exist, labelled as caches (reused across builds on purpose). */
async function ensureVolumes(docker: Dockerode, plan: BuildPlan, namespace: string | null): Promise<void> {
  for (const mount of plan.container.mounts) {
    if (mount.kind !== 'volume') continue;
    try {
      await inspectVolume(docker, mount.name);
    } catch (err) {
      if (!(err instanceof EngineError) || (err.kind !== 'volume-not-found' && err.kind !== 'not-found')) throw err;
      await createVolume(docker, { name: mount.name, labels: gentooWbLabels({ version: appVersion(), role: 'cache', cacheKey: mount.role, namespace }) });
    }
  }
}

/**
 * The served binhosts a recipe names, looked up by name in `namespace` (null: not served). A binhost on
 * a Docker network is reached by container name in that network; one without, at its published port.
 */
export async function resolveServedBinhosts(docker: Dockerode, recipe: Recipe, namespace: string | null): Promise<Record<string, ServedBinhostFacts | null>> {
  const names = [...new Set(recipe.binaries.hosts.flatMap((h) => (h.kind === 'served' ? [h.name] : [])))];
  const found = await Promise.all(names.map((name) => findServedBinhost(docker, name, namespace)));
  const served: Record<string, ServedBinhostFacts | null> = {};
  names.forEach((name, i) => {
    const b = found[i] ?? null;
    served[name] = b && { name: b.name, key: b.key, running: b.running, url: b.urlInNetwork ?? b.hostUrl, network: b.urlInNetwork ? b.network : null };
  });
  return served;
}

/** The base's make.profile link when Gentoo's binhost needs it (its URL names the profile's version); undefined otherwise. */
export async function profileForBinhosts(docker: Dockerode, recipe: Recipe, image: string): Promise<string | null | undefined> {
  return usesOfficialBinhost(recipe) ? readBaseProfile(docker, image) : undefined;
}

export interface PrepareOptions {
  /** Base facts already read (the Base step). */
  knownBase?: BaseInfo;
  /** `build --plan`: the same plan, but no cache volume is created. */
  planOnly?: boolean;
  /** DISTCC_HOSTS and MAKEOPTS of the distccd helpers started for the build (src/engine/distcc). */
  distcc?: DistccSettings;
  /** The environment whose XDG cache folder keeps base facts between builds (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Gather base facts, plan, and make the shared pieces exist: the one preparation of every build and of `build --plan`. */
export async function prepareBuild(docker: Dockerode, recipe: Recipe, sandbox: SandboxFacts, options: PrepareOptions = {}): Promise<PreparedBuild> {
  const { knownBase } = options;
  const namespace = currentNamespace();
  // The tree emerge reads; a host repository is looked at before anything mounts it (a repository, no
  // sockets, no system folder).
  const tree = await treeMountsFor(docker, recipe.portage);
  // The base's own make.conf, which the recipe's is merged into; read alongside the rest.
  const baseImage = baseImageRef(recipe);
  const baseMakeConf = readBaseMakeConfCached(docker, baseImage, options.env);
  baseMakeConf.catch(() => undefined);
  const baseProfile = profileForBinhosts(docker, recipe, baseImage);
  baseProfile.catch(() => undefined);
  // Served binhosts are looked up (and refused when stopped or of another cache key) before any work.
  const served = await resolveServedBinhosts(docker, recipe, namespace);
  // Reading the base takes a container run (emerge --info, the package database): only when the plan
  // needs what it tells — CHOST for the binary package cache's key, the C library's files for scratch.
  // (and a binhost's: a served one must match the cache key).
  const needsFacts = recipe.caches.binpkgs || recipe.mode.kind === 'scratch' || recipe.binaries.hosts.length > 0;
  const base =
    knownBase ??
    (needsFacts
      ? await inspectBaseCached(docker, recipe.base.image, { ...tree, ...(options.env ? { env: options.env } : {}) })
      : null);
  const baseImageId = base?.imageId ?? (await inspectImage(docker, recipe.base.image)).id;
  const makeConf = await baseMakeConf;
  const profile = (await baseProfile) ?? base?.profile ?? null;
  const result = planBuild({ recipe, sandbox, namespace, served, ...(options.distcc ? { distcc: options.distcc } : {}), base: { chost: base?.chost ?? 'unknown', libcFiles: base?.libcFiles ?? [], libcPackage: base?.libcPackage ?? null, makeConf, profile } });
  if (!result.ok) throw new EngineError('bad-request', `cannot plan the build: ${result.problem}`, 'fix the recipe (gentoo-wb recipe validate) or choose another build mode');
  if (!options.planOnly) await ensureVolumes(docker, result.plan, namespace);
  return { plan: result.plan, baseImageId, base, volumesFrom: tree.volumesFrom };
}
