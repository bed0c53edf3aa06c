// Inspect an image end to end: the engine's facts, its archive read as a stream, the build that
// made it (smoke test, package capture for scratch images) and how many layers it shares with its
// base — then the pure inspection in core.
import type Dockerode from 'dockerode';
import { buildNotes } from '../../core/inspect/build-notes.js';
import type { BuildFacts, Inspection } from '../../core/inspect/inspection.js';
import { buildInspection } from '../../core/inspect/inspection.js';
import { packageDbFromRecord, type PackageDb } from '../../core/inspect/package-db.js';
import { LABEL } from '../../core/labels.js';
import { EngineError } from '../docker/errors.js';
import { inspectImage, type ImageDetails } from '../docker/images.js';
import { openImageArchive } from '../docker/save-load.js';
import type { ProgressListener } from '../docker/transfer.js';
import { buildForImage, type BuildFolder } from './build-lookup.js';
import { readImageArchive } from './read-archive.js';
import { shortId } from '../../core/format/short-id.js';

export interface InspectImageOptions {
  signal?: AbortSignal;
  /** Archive bytes read so far (the total is the engine's size estimate). */
  onProgress?: ProgressListener;
  /** Process environment for the build folders. */
  env?: NodeJS.ProcessEnv;
}

export interface InspectedImage {
  inspection: Inspection;
  details: ImageDetails;
  build: BuildFolder | null;
  /** Things the user should know about how the figures were made. */
  notes: string[];
}

/** Layers two images share from the bottom (diff IDs). */
function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

async function baseOf(docker: Dockerode, details: ImageDetails, build: BuildFolder | null): Promise<{ ref: string; id: string | null; sharedLayers: number } | null> {
  const ref = details.labels[LABEL.sourceImage] ?? build?.state?.baseImage ?? null;
  if (!ref) return null;
  try {
    const base = await inspectImage(docker, ref);
    const name = build?.state?.baseImage ?? base.tags[0] ?? shortId(base.id);
    return { ref: name, id: base.id, sharedLayers: sharedPrefix(details.layers, base.layers) };
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'image-not-found') return { ref: build?.state?.baseImage ?? ref, id: null, sharedLayers: 0 };
    throw err;
  }
}

function buildFacts(build: BuildFolder | null): BuildFacts | null {
  const s = build?.state;
  if (!build || !s) return null;
  const extras = (build.record as { extras?: unknown } | null)?.extras;
  return { id: s.id, recipeName: s.recipeName, recipeHash: s.recipeHash, mode: s.mode, status: s.status, createdAt: s.createdAt, smokeTest: build.record?.smokeTest ?? null, notes: buildNotes(extras) };
}

/** Read and inspect an image (name or ID). */
export async function inspectImageContents(docker: Dockerode, ref: string, options: InspectImageOptions = {}): Promise<InspectedImage> {
  const details = await inspectImage(docker, ref);
  const build = await buildForImage(details.labels, options.env);
  const notes: string[] = [];
  let recordedDb: PackageDb | null = null;
  if (build?.record) {
    const recorded = packageDbFromRecord(build.record);
    if (recorded.ok) recordedDb = recorded.db;
    else if (recorded.problem) notes.push(recorded.problem);
  }
  const stream = await openImageArchive(docker, [details.id], options.signal);
  const archive = await readImageArchive(stream, { signal: options.signal, onProgress: options.onProgress, totalBytes: details.size || null });
  const base = await baseOf(docker, details, build);
  if (base && base.id === null) notes.push(`the base image ${base.ref} is not on this engine: its share is unknown`);
  const inspection = buildInspection({
    image: {
      id: details.id, tags: details.tags, created: details.created, labels: details.labels, architecture: details.architecture,
      engineSize: details.size, entrypoint: details.config.Entrypoint ?? [], cmd: details.config.Cmd ?? [],
    },
    layers: archive.layers,
    base,
    recordedDb,
    build: buildFacts(build),
  });
  if (recordedDb && inspection.packages.source === 'build-record') notes.push('package sizes come from the package database the build captured before stripping');
  if (inspection.packages.source === null) notes.push('the image has no package database (/var/db/pkg) and no build record with a capture: no per-package sizes');
  return { inspection, details, build, notes };
}
