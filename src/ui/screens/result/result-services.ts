// The effects the Result screen asks for, behind one interface: the real engine by default, fakes
// in UI tests. Reading an image, finding the previous build, tagging and exporting.
import { stat } from 'node:fs/promises';
import { basePrefixView, diffViews, viewOf, type ImageDiff } from '../../../core/inspect/diff.js';
import type { SbomFormat } from '../../../core/inspect/sbom/sbom-input.js';
import { gentooWbLabelFilters } from '../../../core/labels.js';
import { appVersion } from '../../../engine/app-info.js';
import { exportImage, listImages, tagImage, type EngineConnection, type ExportStep, type ImageSummary } from '../../../engine/docker/index.js';
import type { ArchiveCompression } from '../../../engine/docker/save-load.js';
import { previousResultImage } from '../../../engine/inspect/build-lookup.js';
import { prepareExtras, writeExtras, type WrittenExtra } from '../../../engine/inspect/export-extras.js';
import { inspectImageContents, type InspectedImage } from '../../../engine/inspect/inspect-image.js';
import { requireZstd } from '../../../engine/inspect/zstd.js';
import { shortId } from '../../../core/format/short-id.js';

export interface Progress {
  bytes: number;
  totalBytes: number | null;
}

export interface ExportRequest {
  output: string;
  flatten: boolean;
  compression: ArchiveCompression;
  /** Files written beside the archive (null: not wanted / not possible). */
  recipe: string | null;
  dockerfile: string | null;
  sbom: { file: string; format: SbomFormat } | null;
}

export interface ExportOutcome {
  file: string;
  fileBytes: number;
  layers: number;
  extras: WrittenExtra[];
}

export type DiffTarget = { kind: 'base' } | { kind: 'previous' } | { kind: 'image'; ref: string };

export interface ResultServices {
  /** Result images (role=result) or every local image. */
  listImages(connection: EngineConnection, scope: 'results' | 'all'): Promise<ImageSummary[]>;
  inspect(connection: EngineConnection, ref: string, options: { signal: AbortSignal; onProgress: (p: Progress) => void }): Promise<InspectedImage>;
  /** The diff of `current` against a target, reading the other image when needed. */
  diff(connection: EngineConnection, current: InspectedImage, target: DiffTarget, options: { signal: AbortSignal; onProgress: (p: Progress) => void }): Promise<ImageDiff>;
  tag(connection: EngineConnection, imageId: string, tag: string): Promise<void>;
  exportImage(connection: EngineConnection, imageId: string, request: ExportRequest, options: { signal: AbortSignal; onStep: (label: string) => void; onProgress: (p: Progress) => void }): Promise<ExportOutcome>;
}

/** Before any work: the workbench never replaces a file (the headless export does, with --force). */
async function refuseExisting(request: ExportRequest): Promise<void> {
  for (const file of [request.output, request.recipe, request.dockerfile, request.sbom?.file]) {
    if (!file) continue;
    const existing = await stat(file).catch(() => null);
    if (existing) throw new Error(`${file} exists; choose another name (the workbench never replaces a file; gentoo-wb export --force does)`);
  }
}

const STEP_LABEL: Record<ExportStep, string> = { flatten: 'flattening to one layer', write: 'writing the archive' };

/** The real engine. */
export const realResultServices: ResultServices = {
  listImages: (connection, scope) => listImages(connection.docker, scope === 'results' ? { labels: gentooWbLabelFilters({ role: 'result' }) } : {}),
  inspect: (connection, ref, options) => inspectImageContents(connection.docker, ref, options),
  async diff(connection, current, target, options) {
    const ins = current.inspection;
    const name = ins.image.tags[0] ?? shortId(ins.image.id);
    if (target.kind === 'base') {
      const prefix = basePrefixView(ins);
      if (prefix) return diffViews(prefix, viewOf(ins, name));
      if (!ins.base?.id) throw new Error('this image names no base image that the engine has');
      const base = await inspectImageContents(connection.docker, ins.base.id, options);
      return diffViews(viewOf(base.inspection, `base ${ins.base.ref}`), viewOf(ins, name));
    }
    if (target.kind === 'previous') {
      const previous = await previousResultImage(connection.docker, { id: ins.image.id, created: ins.image.created, labels: ins.image.labels }, current.build);
      if (!previous) throw new Error('no earlier build of this recipe is on the engine');
      const other = await inspectImageContents(connection.docker, previous.id, options);
      return diffViews(viewOf(other.inspection, previous.label), viewOf(ins, name));
    }
    const other = await inspectImageContents(connection.docker, target.ref, options);
    return diffViews(viewOf(other.inspection, target.ref), viewOf(ins, name));
  },
  tag: (connection, imageId, tag) => tagImage(connection.docker, imageId, tag),
  async exportImage(connection, imageId, request, options) {
    await refuseExisting(request);
    if (request.compression === 'zstd') requireZstd();
    const toolVersion = appVersion();
    const prepared = await prepareExtras(connection.docker, imageId, request, { toolVersion });
    const result = await exportImage(connection.docker, imageId, {
      output: request.output, flatten: request.flatten, compression: request.compression, toolVersion, signal: options.signal,
      onStep: (step) => options.onStep(STEP_LABEL[step]),
      onProgress: (_step, p) => options.onProgress(p),
    });
    let inspection = null;
    if (prepared.sbom) {
      options.onStep('reading the image for the SBOM');
      inspection = (await inspectImageContents(connection.docker, imageId, { signal: options.signal, onProgress: options.onProgress })).inspection;
    }
    const extras = await writeExtras(prepared, inspection, { toolVersion, signal: options.signal });
    return { file: result.file, fileBytes: result.fileBytes, layers: result.layers, extras };
  },
};
