// Local images: list, inspect, history, tag, remove. Results are plain values with
// ISO dates and byte sizes, the same for Docker and Podman.
import type Dockerode from 'dockerode';
import { dialJson } from './dial.js';
import { EngineError, toEngineError } from './errors.js';
import type { InspectedConfig } from './image-changes.js';
import { invalidTagReason, parseImageRef } from './image-ref.js';

/** One local image, as `images --json` prints it. */
export interface ImageSummary {
  id: string;
  /** `name:tag` references; empty for dangling images. */
  tags: string[];
  digests: string[];
  /** Bytes. */
  size: number;
  /** ISO 8601. */
  created: string;
  labels: Record<string, string>;
}

export interface ImageDetails extends ImageSummary {
  config: InspectedConfig;
  /** Layer diff IDs, bottom first. */
  layers: string[];
  architecture: string;
  os: string;
  author: string;
  comment: string;
}

interface RawSummary {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Created?: number;
  Labels?: Record<string, string> | null;
}

interface RawInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Created?: string;
  Config?: InspectedConfig | null;
  RootFS?: { Layers?: string[] | null } | null;
  Architecture?: string;
  Os?: string;
  Author?: string;
  Comment?: string;
}

/** An image reference as a URL path segment (slashes stay: the engines route `{name:.*}`). */
function refPath(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}

// Both engines mark untagged images with placeholder names.
const realTag = (t: string): boolean => t !== '<none>:<none>' && !t.endsWith(':<none>') && !t.startsWith('<none>');
const realDigest = (d: string): boolean => !d.startsWith('<none>@');

export interface ListImagesOptions {
  /** Engine `label` filters (`key` or `key=value`), all must match. */
  labels?: string[];
  /** Include intermediate images. */
  all?: boolean;
}

/** List local images, newest first. */
export async function listImages(docker: Dockerode, options: ListImagesOptions = {}): Promise<ImageSummary[]> {
  const wanted = options.labels ?? [];
  // Podman 4.3's compat image list returns nothing for two or more label filters; the engine gets
  // the first, the rest are checked here (for both engines, so they behave the same).
  const filters = wanted.length > 0 ? { label: wanted.slice(0, 1) } : undefined;
  let raw: RawSummary[];
  try {
    raw = (await docker.listImages({ all: options.all ?? false, ...(filters ? { filters } : {}) })) as RawSummary[];
  } catch (err) {
    throw toEngineError(err, { action: 'list images' });
  }
  return raw
    .filter((r) => wanted.every((f) => labelMatches(r.Labels ?? {}, f)))
    .map((r) => ({
      id: r.Id,
      tags: (r.RepoTags ?? []).filter(realTag),
      digests: (r.RepoDigests ?? []).filter(realDigest),
      size: r.Size ?? 0,
      created: new Date((r.Created ?? 0) * 1000).toISOString(),
      labels: r.Labels ?? {},
    }))
    .sort((a, b) => b.created.localeCompare(a.created) || a.id.localeCompare(b.id));
}

/** Does a label map satisfy an engine-style `key` or `key=value` filter? */
function labelMatches(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf('=');
  if (eq < 0) return filter in labels;
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

/** Inspect one image by name or ID; throws EngineError `image-not-found` when absent. */
export async function inspectImage(docker: Dockerode, ref: string): Promise<ImageDetails> {
  let raw: RawInspect;
  try {
    raw = (await docker.getImage(ref).inspect()) as RawInspect;
  } catch (err) {
    throw toEngineError(err, { action: `inspect image ${ref}`, notFound: 'image', subject: ref });
  }
  const config = raw.Config ?? {};
  return {
    id: raw.Id,
    tags: (raw.RepoTags ?? []).filter(realTag),
    digests: (raw.RepoDigests ?? []).filter(realDigest),
    size: raw.Size ?? 0,
    created: raw.Created ?? '',
    labels: config.Labels ?? {},
    config,
    layers: raw.RootFS?.Layers ?? [],
    architecture: raw.Architecture ?? '',
    os: raw.Os ?? '',
    author: raw.Author ?? '',
    comment: raw.Comment ?? '',
  };
}

/** True when the engine has this image. */
export async function imageExists(docker: Dockerode, ref: string): Promise<boolean> {
  try {
    await inspectImage(docker, ref);
    return true;
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'image-not-found') return false;
    throw err;
  }
}

/** Give an image another name (`name[:tag]`, tag defaults to latest). */
export async function tagImage(docker: Dockerode, source: string, target: string): Promise<void> {
  const reason = invalidTagReason(target);
  if (reason !== null) throw new EngineError('bad-request', `cannot tag ${source} as ${target}: ${reason}`, 'use NAME[:TAG] with a lowercase name');
  const { repo, tag } = parseImageRef(target);
  try {
    await dialJson(docker, { method: 'POST', path: `/images/${refPath(source)}/tag`, query: { repo, tag: tag ?? 'latest' }, ok: [200, 201] });
  } catch (err) {
    throw toEngineError(err, { action: `tag ${source} as ${target}`, notFound: 'image', subject: source });
  }
}

export interface RemoveResult {
  untagged: string[];
  deleted: string[];
}

/** Remove a name (untag) or an image; an image with other names keeps them. */
export async function removeImage(docker: Dockerode, ref: string, options: { force?: boolean } = {}): Promise<RemoveResult> {
  type RawRemove = { Untagged?: string; Deleted?: string }[];
  let raw: RawRemove;
  try {
    raw = await dialJson<RawRemove>(docker, { method: 'DELETE', path: `/images/${refPath(ref)}`, query: { force: options.force ?? false }, ok: [200] });
  } catch (err) {
    throw toEngineError(err, { action: `remove image ${ref}`, notFound: 'image', subject: ref });
  }
  const list = Array.isArray(raw) ? raw : [];
  return {
    untagged: list.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
    deleted: list.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
  };
}
