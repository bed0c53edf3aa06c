// Commit a container to an image: the config as a structured container config (the JSON body of
// POST /commit, which the engine merges with the container's), plus our labels. Dockerfile-style
// `changes` only for what a user typed, and as Podman's fallback (see commitContainer).
import type Dockerode from 'dockerode';
import { IMAGE_ROLES, LABEL, type Labels } from '../../core/labels.js';
import { inspectContainer } from './containers.js';
import { dialJson } from './dial.js';
import { engineKindFor } from './engine-kind.js';
import { EngineError, toEngineError } from './errors.js';
import { changesFor, checkChange, commitConfigBody, type ConfigChanges } from './image-changes.js';
import { invalidTagReason, parseImageRef } from './image-ref.js';
import { shortId } from '../../core/format/short-id.js';

export interface CommitOptions {
  /** `name[:tag]`; omit for an untagged image. */
  tag?: string;
  /** The image config, as values (never parsed as Dockerfile text on Docker). */
  config?: ConfigChanges;
  /** Dockerfile-style instructions a user typed (`CMD […]`, `ENV …`), applied on top of `config`. */
  changes?: string[];
  /**
   * Labels on top of `config.labels`. Without a role label, a container role the image would
   * inherit is replaced by `intermediate`.
   */
  labels?: Labels;
  message?: string;
  author?: string;
  /**
   * Pause the container while committing. Required, because the engines differ: Docker pauses by
   * default, Podman does not.
   */
  pause: boolean;
}

/** Commit a container; returns the new image ID. */
export async function commitContainer(docker: Dockerode, containerId: string, options: CommitOptions): Promise<string> {
  const action = `commit container ${shortId(containerId)}${options.tag ? ` as ${options.tag}` : ''}`;
  const changes: string[] = [];
  for (const raw of options.changes ?? []) {
    const checked = checkChange(raw);
    if (!checked.ok) throw new EngineError('bad-request', `${action}: ${checked.message}`, 'write each change as one Dockerfile instruction');
    changes.push(checked.change);
  }
  // The image inherits the container's labels; a container role (builder, …) must not end up on
  // an image, or containers made from it would look like gentoo-wb's own to cleanup.
  const labels = { ...(options.labels ?? {}) };
  if (labels[LABEL.role] === undefined) {
    const inherited = (await inspectContainer(docker, containerId)).labels[LABEL.role];
    if (inherited !== undefined && !(IMAGE_ROLES as readonly string[]).includes(inherited)) labels[LABEL.role] = 'intermediate';
  }
  const config: ConfigChanges = { ...(options.config ?? {}), labels: { ...(options.config?.labels ?? {}), ...labels } };
  // Docker takes the config as values in the body: nothing in it is lexed, so a value ending in `\`
  // or holding `$`, quotes or spaces arrives as typed. Podman's compat endpoint (4.x) decodes the
  // body but does not apply it (labels and the rest are dropped), so there the same config also
  // goes as changes, which Podman reads one by one and literally (no line joining, no expansion).
  if ((await engineKindFor(docker)) === 'podman') changes.unshift(...changesFor(config, 'podman'));
  let repo: string | undefined;
  let tag: string | undefined;
  if (options.tag !== undefined) {
    const reason = invalidTagReason(options.tag);
    if (reason !== null) throw new EngineError('bad-request', `${action}: ${reason}`, 'use NAME[:TAG] with a lowercase name');
    const ref = parseImageRef(options.tag);
    repo = ref.repo;
    tag = ref.tag ?? 'latest';
  }
  try {
    const res = await dialJson<{ Id?: string; id?: string }>(docker, {
      method: 'POST',
      path: '/commit',
      query: { container: containerId, repo, tag, comment: options.message, author: options.author, changes: changes.length > 0 ? changes : undefined, pause: options.pause },
      // Podman's compat handler decodes a JSON body unconditionally ("Decode(): EOF" without one).
      body: commitConfigBody(config),
      ok: [200, 201],
    });
    const id = res.Id ?? res.id;
    if (!id) throw new Error('the engine did not return an image ID');
    return id.startsWith('sha256:') ? id : `sha256:${id}`;
  } catch (err) {
    throw toEngineError(err, { action, notFound: 'container', subject: shortId(containerId) });
  }
}

/** A container's own environment (`Config.Env`), the part a commit copies into the image. */
export async function inspectContainerEnv(docker: Dockerode, containerId: string): Promise<string[]> {
  try {
    const raw = await dialJson<{ Config?: { Env?: string[] | null } }>(docker, { method: 'GET', path: `/containers/${containerId}/json` });
    return raw.Config?.Env ?? [];
  } catch (err) {
    throw toEngineError(err, { action: `inspect container ${shortId(containerId)}`, notFound: 'container', subject: shortId(containerId) });
  }
}
