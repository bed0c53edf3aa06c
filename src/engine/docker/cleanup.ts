// `clean`: find what gentoo-wb left behind — only objects carrying our labels, and only those of the
// current namespace (GENTOO_WB_NAMESPACE; unlabelled objects are the default namespace's) — and remove
// it. Results (images the user builds or imports) are never leftovers; volumes (caches) and running
// containers (a build someone may reattach to) only when asked; a served binhost (and its cache volume)
// never: `gentoo-wb binhost stop` ends it. A builder whose emerge ended but whose
// build is not finished (state running/finishing/lost: the image is not made yet) is kept: `gentoo-wb
// attach ID` finishes it. Images go without force and with `noprune`, so the engine never takes an
// untagged parent gentoo-wb did not make, or a tag someone else put on one of ours, along with them.
import type Dockerode from 'dockerode';
import { isFinished } from '../../core/build/build-record.js';
import { buildFiles, readState } from '../build/build-store.js';
import { CONTAINER_ROLES, gentooWbLabelFilters, inNamespace, KEPT_IMAGE_ROLES, LABEL, readGentooWbLabels, type ObjectRole } from '../../core/labels.js';
import { listContainers, removeContainer } from './containers.js';
import { EngineError, toEngineError } from './errors.js';
import { listImages } from './images.js';
import { currentNamespace, tempImageRepo } from './object-names.js';
import { listVolumes, removeVolume } from './volumes.js';
import { shortId } from '../../core/format/short-id.js';

export type LeftoverKind = 'container' | 'image' | 'volume';

export interface Leftover {
  kind: LeftoverKind;
  id: string;
  /** Container name, image tag or volume name (the ID when there is none). */
  name: string;
  role: ObjectRole | 'unknown';
  buildId: string | null;
  /** Container state (`running`, `exited`, …); null for images and volumes. */
  state: string | null;
  size: number | null;
  /** An image's tags (removed one by one when there are several); empty otherwise. */
  tags?: string[];
}

export interface CleanupScope {
  /** Only this build's objects. */
  buildId?: string;
  /** Also the cache volumes. */
  volumes?: boolean;
  /** Also running containers (killed first). */
  running?: boolean;
  /** The namespace to look in; defaults to the current one (GENTOO_WB_NAMESPACE), null for the default. */
  namespace?: string | null;
  /** Where build states are read (XDG_STATE_HOME); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Why a builder container must stay (its build can still be finished), or null. */
async function unfinishedBuild(buildId: string | null, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (buildId === null) return null;
  let state;
  try {
    state = await readState(buildFiles(buildId, env));
  } catch {
    return null;
  }
  // No state on this machine: nothing could reattach to it, so it is a leftover.
  if (state === null || isFinished(state.status)) return null;
  // Lost (its engine or its output stream went away): the container may have been stopped meanwhile (an engine restart does that).
  if (state.status === 'lost') return `build ${buildId} lost its engine or its output while it ran; gentoo-wb attach ${buildId} follows it if it still runs, else records how it ended and removes it (or --running discards it)`;
  return `build ${buildId} is not finished (state ${state.status}: its image is not made yet); gentoo-wb attach ${buildId} finishes it (or --running discards it)`;
}

export interface LeftoverReport {
  remove: Leftover[];
  /** Labelled objects kept, with why. */
  kept: { object: Leftover; reason: string }[];
}

/** List what `clean` would remove and what it would keep, without touching anything. */
export async function findLeftovers(docker: Dockerode, scope: CleanupScope = {}): Promise<LeftoverReport> {
  const namespace = scope.namespace === undefined ? currentNamespace() : scope.namespace;
  const filters = gentooWbLabelFilters({ namespace, ...(scope.buildId === undefined ? {} : { buildId: scope.buildId }) });
  const mine = <T extends { labels: Record<string, string> }>(list: T[]) => list.filter((o) => inNamespace(o.labels, namespace));
  const [containers, images, volumes] = await Promise.all([
    listContainers(docker, filters).then(mine),
    listImages(docker, { labels: filters }).then(mine),
    listVolumes(docker, filters).then(mine),
  ]);
  const tempRepo = tempImageRepo(namespace);
  const report: LeftoverReport = { remove: [], kept: [] };
  for (const c of containers) {
    const info = readGentooWbLabels(c.labels);
    const object: Leftover = { kind: 'container', id: c.id, name: c.names[0] ?? shortId(c.id), role: info?.role ?? 'unknown', buildId: info?.buildId ?? null, state: c.state, size: null };
    // An image role here was inherited from the image: someone else ran a gentoo-wb image.
    const unfinished = object.role === 'builder' && !scope.running ? await unfinishedBuild(object.buildId, scope.env ?? process.env) : null;
    const binhost = c.labels[LABEL.binhostName] ?? object.name;
    if (object.role === 'binhost') report.kept.push({ object, reason: `serves binhost ${binhost}; gentoo-wb binhost stop ${binhost} removes it` });
    else if (!(CONTAINER_ROLES as readonly string[]).includes(object.role)) report.kept.push({ object, reason: `made by someone else from a gentoo-wb image (its ${object.role} label came from the image)` });
    else if (c.state === 'running' && !scope.running) report.kept.push({ object, reason: unfinished ? `running: ${unfinished}` : 'running (a build may be in progress; use --running to stop it)' });
    else if (unfinished) report.kept.push({ object, reason: unfinished });
    else report.remove.push(object);
  }
  // The engine refuses to remove an image a container still uses; a container clean keeps keeps its image.
  const keptBy = new Map(report.kept.filter((k) => k.object.kind === 'container').map((k) => [containers.find((c) => c.id === k.object.id)?.imageId ?? '', k.object.name]));
  for (const i of images) {
    const info = readGentooWbLabels(i.labels);
    const role = info?.role ?? 'unknown';
    const object: Leftover = { kind: 'image', id: i.id, name: i.tags[0] ?? shortId(i.id), role, buildId: info?.buildId ?? null, state: null, size: i.size, tags: i.tags };
    const isTemp = (t: string) => t.replace(/^localhost\//, '').startsWith(`${tempRepo}/`);
    const leakedTemp = i.tags.length > 0 && i.tags.every(isTemp);
    const foreign = i.tags.filter((t) => !isTemp(t));
    if ((KEPT_IMAGE_ROLES as readonly string[]).includes(role) && !leakedTemp) report.kept.push({ object, reason: `${role === 'imported' ? 'an imported' : 'a result'} image is yours to keep (remove it with docker rmi)` });
    else if (keptBy.has(i.id)) report.kept.push({ object, reason: `in use by container ${keptBy.get(i.id)!}, which is kept` });
    // One of our images that someone tagged as well: their tag would go with it.
    else if (i.tags.length > 1 && foreign.length > 0) report.kept.push({ object, reason: `also tagged ${foreign.join(', ')}, which gentoo-wb did not make; untag that first (docker rmi ${foreign[0]})` });
    else report.remove.push(object);
  }
  for (const v of volumes) {
    const info = readGentooWbLabels(v.labels);
    const object: Leftover = { kind: 'volume', id: v.name, name: v.name, role: info?.role ?? 'unknown', buildId: info?.buildId ?? null, state: null, size: null };
    // A served binhost's cache is in use: stop the binhost first (the engine would refuse anyway).
    const server = containers.find((c) => readGentooWbLabels(c.labels)?.role === 'binhost' && c.labels[LABEL.binhostVolume] === v.name);
    if (scope.volumes && server) report.kept.push({ object, reason: `served by binhost ${server.labels[LABEL.binhostName] ?? server.names[0] ?? server.id}; stop it first (gentoo-wb binhost stop)` });
    else if (scope.volumes) report.remove.push(object);
    else report.kept.push({ object, reason: 'volumes hold caches; use --volumes to remove them' });
  }
  return report;
}

export interface CleanupOutcome {
  removed: Leftover[];
  failed: { object: Leftover; error: EngineError }[];
}

/** Remove the given leftovers: containers first (they hold images and volumes), then images, then volumes. */
export async function removeLeftovers(docker: Dockerode, leftovers: Leftover[], onRemoved?: (object: Leftover) => void): Promise<CleanupOutcome> {
  const outcome: CleanupOutcome = { removed: [], failed: [] };
  const order: LeftoverKind[] = ['container', 'image', 'volume'];
  for (const kind of order) {
    for (const object of leftovers.filter((o) => o.kind === kind)) {
      try {
        if (kind === 'container') await removeContainer(docker, object.id, { force: true, volumes: true });
        else if (kind === 'image') await removeOurImage(docker, object);
        else await removeVolume(docker, object.id);
        outcome.removed.push(object);
        onRemoved?.(object);
      } catch (err) {
        const e = toEngineError(err, { action: `remove ${kind} ${object.name}` });
        // Already gone (another clean, or removed with its container) counts as done.
        if (e.kind.endsWith('not-found')) outcome.removed.push(object);
        else outcome.failed.push({ object, error: e });
      }
    }
  }
  return outcome;
}

/**
 * Remove one of our images without force and with `noprune`: the engine then refuses rather than
 * take a tag, a container's image or a child with it, and never deletes untagged parents (a base
 * gentoo-wb did not make). Several tags (all ours) go one by one; the last one takes the image.
 */
async function removeOurImage(docker: Dockerode, object: Leftover): Promise<void> {
  const refs = (object.tags?.length ?? 0) > 1 ? object.tags! : [object.id];
  for (const ref of refs) {
    try {
      await docker.getImage(ref).remove({ force: false, noprune: true });
    } catch (err) {
      throw toEngineError(err, { action: `remove image ${ref}`, notFound: 'image', subject: ref });
    }
  }
}
