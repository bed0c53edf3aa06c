// What the Base screen asks of the outside world, behind one interface: the real engine by default,
// scripted fakes in UI tests.
import { statSync } from 'node:fs';
import os from 'node:os';
import { recommendSizing, type SizingRecommendation } from '../../../core/host/sizing.js';
import type { PortageSource } from '../../../core/recipe/recipe-schema.js';
import { importBase } from '../../../engine/base/import-base.js';
import { pullBase } from '../../../engine/base/pull-base.js';
import { readBase, type BaseReading } from '../../../engine/base/read-base.js';
import { findSnapshotImages, type SnapshotImage } from '../../../engine/base/snapshot-images.js';
import { listImages, type EngineConnection, type ImageSummary, type ImportResult, type PullEvent, type TransferProgress } from '../../../engine/docker/index.js';

export interface BaseServices {
  listImages(connection: EngineConnection): Promise<ImageSummary[]>;
  /** Local images that declare the repository VOLUME (candidates for the Portage snapshot). */
  snapshotImages(connection: EngineConnection, images: readonly ImageSummary[]): Promise<SnapshotImage[]>;
  pull(connection: EngineConnection, ref: string, options: { signal: AbortSignal; onEvent: (e: PullEvent) => void }): Promise<{ ref: string; id: string }>;
  importTarball(connection: EngineConnection, file: string, tag: string, options: { signal: AbortSignal; onProgress: (p: TransferProgress) => void }): Promise<ImportResult>;
  readBase(connection: EngineConnection, image: string, source: PortageSource): Promise<BaseReading>;
  /** Why a local path cannot be imported (null when it is a readable file). */
  tarballProblem(path: string): string | null;
  /** Sizing from this machine, when the host checks have not given one. */
  localSizing(): SizingRecommendation;
}

/** Services on the real engine and file system. */
export const realBaseServices: BaseServices = {
  listImages: (c) => listImages(c.docker),
  snapshotImages: (c, images) => findSnapshotImages(c.docker, images),
  pull: (c, ref, options) => pullBase(c.docker, ref, options),
  importTarball: (c, file, tag, options) => importBase(c.docker, c.info.kind, file, tag, options),
  readBase: (c, image, source) => readBase(c.docker, image, source),
  tarballProblem(path) {
    if (path.trim() === '') return 'type the path of a .tar, .tar.gz or .tar.xz file';
    try {
      const st = statSync(path);
      return st.isFile() ? null : `${path} is not a file`;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code ?? 'error'})`;
    }
  },
  localSizing: () => recommendSizing(os.cpus().length, os.totalmem(), 'local'),
};
