// Named volumes (caches for distfiles, binary packages, ccache): create labelled, list, remove.
import type Dockerode from 'dockerode';
import type { Labels } from '../../core/labels.js';
import { dialJson } from './dial.js';
import { toEngineError } from './errors.js';
import { withNamespaceLabel } from './object-names.js';

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  created: string | null;
  labels: Record<string, string>;
}

interface RawVolume { Name: string; Driver?: string; Mountpoint?: string; CreatedAt?: string; Labels?: Record<string, string> | null }

const toSummary = (v: RawVolume): VolumeSummary => ({
  name: v.Name, driver: v.Driver ?? 'local', mountpoint: v.Mountpoint ?? '', created: v.CreatedAt ?? null, labels: v.Labels ?? {},
});

/**
 * Create a labelled volume (the engine names it when `name` is absent), in the current namespace when
 * it is ours. Existing volumes are returned as they are.
 */
export async function createVolume(docker: Dockerode, options: { name?: string; labels: Labels }): Promise<VolumeSummary> {
  try {
    const raw = await dialJson<RawVolume>(docker, {
      method: 'POST', path: '/volumes/create', body: { Name: options.name ?? '', Labels: withNamespaceLabel(options.labels), Driver: 'local' }, ok: [200, 201],
    });
    return toSummary(raw);
  } catch (err) {
    throw toEngineError(err, { action: `create volume ${options.name ?? ''}`.trim() });
  }
}

/** Inspect a volume; throws `volume-not-found` when absent. */
export async function inspectVolume(docker: Dockerode, name: string): Promise<VolumeSummary> {
  try {
    return toSummary(await dialJson<RawVolume>(docker, { method: 'GET', path: `/volumes/${encodeURIComponent(name)}` }));
  } catch (err) {
    throw toEngineError(err, { action: `inspect volume ${name}`, notFound: 'volume', subject: name });
  }
}

/** List volumes matching all label filters (`key` or `key=value`). */
export async function listVolumes(docker: Dockerode, labels: string[] = []): Promise<VolumeSummary[]> {
  try {
    const raw = await dialJson<{ Volumes?: RawVolume[] | null }>(docker, {
      method: 'GET', path: '/volumes', query: { filters: labels.length > 0 ? JSON.stringify({ label: labels }) : undefined },
    });
    return (raw.Volumes ?? []).map(toSummary);
  } catch (err) {
    throw toEngineError(err, { action: 'list volumes' });
  }
}

/** Remove a volume; fails with `conflict` while a container uses it. */
export async function removeVolume(docker: Dockerode, name: string, options: { force?: boolean } = {}): Promise<void> {
  try {
    await dialJson(docker, { method: 'DELETE', path: `/volumes/${encodeURIComponent(name)}`, query: { force: options.force ?? false }, ok: [204, 200] });
  } catch (err) {
    throw toEngineError(err, { action: `remove volume ${name}`, notFound: 'volume', subject: name });
  }
}
