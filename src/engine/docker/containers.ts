// Container lifecycle: create (from a ContainerSpec), start, wait, stop, kill, remove, inspect,
// and list by label. Every failure becomes an EngineError with advice.
import type Dockerode from 'dockerode';
import { createBodyFor, type ContainerSpec } from './container-spec.js';
import { dialJson } from './dial.js';
import { EngineError, toEngineError } from './errors.js';
import { withNamespaceLabel } from './object-names.js';
import { shortId } from '../../core/format/short-id.js';

export interface ContainerSummary {
  id: string;
  names: string[];
  image: string;
  /** The ID of the image it runs (`image` is the name it was created with). */
  imageId: string;
  state: string;
  status: string;
  created: string;
  labels: Record<string, string>;
}

export interface ContainerState {
  id: string;
  name: string;
  image: string;
  running: boolean;
  status: string;
  exitCode: number | null;
  labels: Record<string, string>;
  mounts: { type: string; name: string | null; source: string; destination: string; readOnly: boolean }[];
}

/** Create a container (labelled into the current namespace when it is ours); returns its ID. */
export async function createContainer(docker: Dockerode, spec: ContainerSpec): Promise<string> {
  const body = createBodyFor({ ...spec, labels: withNamespaceLabel(spec.labels) });
  try {
    const res = await dialJson<{ Id: string }>(docker, {
      method: 'POST', path: '/containers/create', query: { name: spec.name }, body, ok: [200, 201],
    });
    return res.Id;
  } catch (err) {
    throw toEngineError(err, { action: `create a container from ${spec.image}`, notFound: 'image', subject: spec.image });
  }
}

async function containerCall<T>(docker: Dockerode, id: string, verb: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toEngineError(err, { action: `${verb} container ${shortId(id)}`, notFound: 'container', subject: shortId(id) });
  }
}

/** Start a created container. */
export async function startContainer(docker: Dockerode, id: string): Promise<void> {
  await containerCall(docker, id, 'start', () =>
    dialJson(docker, { method: 'POST', path: `/containers/${id}/start`, ok: [204, 304] }));
}

/** Wait until the container stops; returns its exit code. */
export async function waitContainer(docker: Dockerode, id: string, signal?: AbortSignal): Promise<number> {
  const res = await containerCall(docker, id, 'wait for', () =>
    dialJson<{ StatusCode: number; Error?: { Message?: string } | null }>(docker, { method: 'POST', path: `/containers/${id}/wait`, ok: [200], signal }));
  if (res.Error?.Message) throw new EngineError('engine', `container ${shortId(id)} failed: ${res.Error.Message}`, 'see the container\'s logs');
  return res.StatusCode;
}

/** Send a signal (default SIGKILL). */
export async function killContainer(docker: Dockerode, id: string, signal = 'SIGKILL'): Promise<void> {
  await containerCall(docker, id, 'kill', () =>
    dialJson(docker, { method: 'POST', path: `/containers/${id}/kill`, query: { signal }, ok: [204] }));
}

/** Remove a container and its anonymous volumes; `force` kills it first if running. */
export async function removeContainer(docker: Dockerode, id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
  await containerCall(docker, id, 'remove', () =>
    dialJson(docker, { method: 'DELETE', path: `/containers/${id}`, query: { force: options.force ?? false, v: options.volumes ?? true }, ok: [200, 204] }));
}

/**
 * Remove a container and make sure it is gone: a forced remove racing a container that is still
 * starting can fail on a busy engine, and a cleanup must not leave it running. Errors are swallowed
 * (the caller is already handling another outcome); a container that cannot be removed is left.
 */
export async function removeContainerSurely(docker: Dockerode, id: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await removeContainer(docker, id, { force: true });
      return;
    } catch (err) {
      if ((err as { kind?: string }).kind === 'container-not-found') return;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
  }
}

/** Inspect a container. */
export async function inspectContainer(docker: Dockerode, id: string): Promise<ContainerState> {
  type Raw = {
    Id: string; Name: string; Image: string; Config?: { Labels?: Record<string, string> | null; Image?: string };
    State?: { Running?: boolean; Status?: string; ExitCode?: number };
    Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[] | null;
  };
  const raw = await containerCall(docker, id, 'inspect', () => dialJson<Raw>(docker, { method: 'GET', path: `/containers/${id}/json` }));
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: raw.Config?.Image ?? raw.Image,
    running: raw.State?.Running ?? false,
    status: raw.State?.Status ?? 'unknown',
    exitCode: raw.State?.Running ? null : (raw.State?.ExitCode ?? null),
    labels: raw.Config?.Labels ?? {},
    mounts: (raw.Mounts ?? []).map((m) => ({
      type: m.Type ?? 'volume', name: m.Name ?? null, source: m.Source ?? '', destination: m.Destination ?? '', readOnly: m.RW === false,
    })),
  };
}

/** List containers (running and stopped) matching all label filters. */
export async function listContainers(docker: Dockerode, labels: string[] = []): Promise<ContainerSummary[]> {
  type Raw = { Id: string; Names?: string[]; Image: string; ImageID?: string; State: string; Status: string; Created: number; Labels?: Record<string, string> | null };
  let raw: Raw[];
  try {
    raw = await dialJson<Raw[]>(docker, {
      method: 'GET', path: '/containers/json',
      query: { all: true, filters: labels.length > 0 ? JSON.stringify({ label: labels }) : undefined },
    });
  } catch (err) {
    throw toEngineError(err, { action: 'list containers' });
  }
  return raw.map((r) => ({
    id: r.Id,
    names: (r.Names ?? []).map((n) => n.replace(/^\//, '')),
    image: r.Image,
    imageId: r.ImageID ?? '',
    state: r.State,
    status: r.Status,
    created: new Date(r.Created * 1000).toISOString(),
    labels: r.Labels ?? {},
  }));
}
