// `gentoo-wb export`: an image to a loadable archive file, optionally flattened to one layer and
// compressed. Options are a record so later ones (zstd, SBOM, Dockerfile) slot in beside these.
import type { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { checkWritableDestination } from './atomic-file.js';
import { withDefaultTag } from './image-ref.js';
import { inspectImage, removeImage } from './images.js';
import { saveImages, type ArchiveCompression } from './save-load.js';
import type { ProgressListener } from './transfer.js';

export type ExportStep = 'flatten' | 'write';

export interface ExportImageOptions {
  output: string;
  flatten?: boolean;
  compression?: ArchiveCompression;
  /** gentoo-wb's version, for the labels of temporary objects. */
  toolVersion: string;
  signal?: AbortSignal;
  onStep?: (step: ExportStep) => void;
  onProgress?: (step: ExportStep, progress: Parameters<ProgressListener>[0]) => void;
  /** Tests inject a failing writer (see writeStreamAtomically). */
  openWriter?: (tempPath: string) => Writable;
}

export interface ExportResult {
  file: string;
  /** Size of the file written. */
  fileBytes: number;
  /** Size of the uncompressed archive. */
  archiveBytes: number;
  /** ID of the image inside the archive. */
  imageId: string;
  /** Names the archive gives the image. */
  tags: string[];
  flattened: boolean;
  layers: number;
  /** Config fields flattening could not carry. */
  lost: string[];
}

/** Write an image (optionally flattened) to a `docker load`-able archive, atomically. */
export async function exportImage(docker: Dockerode, ref: string, options: ExportImageOptions): Promise<ExportResult> {
  // A folder that is missing or not writable is said before a minute of flattening, not after.
  await checkWritableDestination(options.output, `export ${ref}`);
  const source = await inspectImage(docker, ref);
  // Named by (a prefix of) its ID, full (`sha256:…`) or short, rather than by a name.
  const isId = /^(sha256:)?[0-9a-f]{12,64}$/.test(ref) && source.id.replace(/^sha256:/, '').startsWith(ref.replace(/^sha256:/, ''));
  const tags = isId ? source.tags : [withDefaultTag(ref)];
  const compression = options.compression ?? 'none';
  const save = (images: string[], archiveTags: string[] | undefined) => saveImages(docker, images, options.output, {
    compression,
    signal: options.signal,
    onProgress: (p) => options.onProgress?.('write', p),
    openWriter: options.openWriter,
    archiveTags,
    // `source` was inspected just above; a flattened image was made a moment ago.
    inspected: true,
  });
  if (!options.flatten) {
    options.onStep?.('write');
    // Saved by ID, an image has no name in the archive and loads as <none>: saved by its names, it
    // loads with each of them (the Result screen exports by ID).
    const written = await save(isId && source.tags.length > 0 ? source.tags : [ref], undefined);
    return { file: written.file, fileBytes: written.fileBytes, archiveBytes: written.sourceBytes, imageId: source.id, tags: isId ? source.tags : tags, flattened: false, layers: source.layers.length, lost: [] };
  }
  // Flattening's modules (a container, an import) load only for it: a plain export starts sooner.
  const [{ flattenImage }, { gentooWbLabels }, { temporaryImageName }] = await Promise.all([import('./flatten.js'), import('../../core/labels.js'), import('./object-names.js')]);
  options.onStep?.('flatten');
  const temp = temporaryImageName('flatten');
  const flat = await flattenImage(docker, source.id, {
    tag: temp,
    tempContainerLabels: gentooWbLabels({ version: options.toolVersion, role: 'export-temp' }),
    // The flattened image is a product the user keeps; marking it a result keeps cleanup off it.
    addLabels: gentooWbLabels({ version: options.toolVersion, role: 'result', sourceImage: source.id }),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (p) => options.onProgress?.('flatten', p),
  });
  try {
    options.onStep?.('write');
    const written = await save([temp], tags);
    return { file: written.file, fileBytes: written.fileBytes, archiveBytes: written.sourceBytes, imageId: flat.id, tags, flattened: true, layers: 1, lost: flat.lost };
  } finally {
    await removeImage(docker, temp, { force: true }).catch(() => undefined);
  }
}
