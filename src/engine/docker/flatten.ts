// Flatten: a container's file system exported and piped straight into an import, with the
// original image's config carried over as changes — one layer, same CMD/ENV/labels/… (the
// minimal build mode's last step and `export --flatten`). The files the engine puts into every
// container (/.dockerenv, /etc/hosts, …) are filtered out of the stream on the way, and the image's
// own versions of them put back.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { isGentooWbObject, LABEL, type Labels } from '../../core/labels.js';
import { createContainer, removeContainer } from './containers.js';
import { dialStream } from './dial.js';
import { withoutEngineFiles } from './engine-files.js';
import { engineKindFor } from './engine-kind.js';
import { toEngineError } from './errors.js';
import { carryConfig, changesFor } from './image-changes.js';
import { inspectImage } from './images.js';
import { importStream } from './import.js';
import { currentNamespace } from './object-names.js';
import type { ProgressListener } from './transfer.js';
import { shortId } from '../../core/format/short-id.js';

export interface FlattenOptions {
  /** Name for the one-layer image. */
  tag: string;
  /** Labels for the short-lived container the file system is exported from. */
  tempContainerLabels: Labels;
  /** Labels added to the new image, on top of the original's. */
  addLabels?: Labels;
  message?: string;
  signal?: AbortSignal;
  /** Bytes of file system streamed so far. */
  onProgress?: ProgressListener;
}

export interface FlattenResult {
  id: string;
  tag: string;
  /** Config fields that changes cannot carry and the new image therefore lacks (e.g. Healthcheck). */
  lost: string[];
  bytes: number;
}

/** Open the tar stream of a container's whole file system (GET /containers/{id}/export). */
async function openContainerExport(docker: Dockerode, containerId: string, signal?: AbortSignal): Promise<Readable> {
  try {
    return await dialStream(docker, { method: 'GET', path: `/containers/${containerId}/export`, ok: [200], signal });
  } catch (err) {
    throw toEngineError(err, { action: `export container ${shortId(containerId)}`, notFound: 'container', subject: shortId(containerId) });
  }
}

/** The new image belongs to the current namespace when it is ours, whatever namespace the source's labels name. */
function inCurrentNamespace(labels: Labels): Labels {
  if (!isGentooWbObject(labels)) return labels;
  const { [LABEL.namespace]: _source, ...rest } = labels;
  const namespace = currentNamespace();
  return namespace ? { ...rest, [LABEL.namespace]: namespace } : rest;
}

/**
 * A container's file system as its image and its own changes made it: the export without the files
 * the engine adds to every container, with the image's own versions of those paths (`imageId` is the
 * image the container was created from).
 */
export async function openFlattenSource(docker: Dockerode, containerId: string, imageId: string, signal?: AbortSignal): Promise<Readable> {
  const exported = await openContainerExport(docker, containerId, signal);
  return withoutEngineFiles(docker, containerId, imageId, exported, signal);
}

/** Make a one-layer copy of an image with the same config. */
export async function flattenImage(docker: Dockerode, sourceRef: string, options: FlattenOptions): Promise<FlattenResult> {
  const source = await inspectImage(docker, sourceRef);
  const { changes, lost } = carryConfig(source.config);
  changes.labels = inCurrentNamespace({ ...(changes.labels ?? {}), ...(options.addLabels ?? {}) });
  const hasCommand = (source.config.Cmd?.length ?? 0) > 0 || (source.config.Entrypoint?.length ?? 0) > 0;
  // The container is never started; a command is only needed because Docker refuses to create without one.
  const containerId = await createContainer(docker, {
    image: source.id,
    labels: options.tempContainerLabels,
    ...(hasCommand ? {} : { cmd: ['/bin/true'] }),
    network: 'none',
  });
  try {
    const fs = await openFlattenSource(docker, containerId, source.id, options.signal);
    const imported = await importStream(docker, fs, {
      tag: options.tag,
      changes: changesFor(changes, await engineKindFor(docker)),
      message: options.message ?? `flattened from ${sourceRef} by gentoo-wb`,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { id: imported.id, tag: options.tag, lost, bytes: imported.bytes };
  } finally {
    await removeContainer(docker, containerId, { force: true, volumes: true }).catch(() => undefined);
  }
}
