// Import a stage3 (or any root file system) tarball as a base image, labelled as the user's own
// (cleanup never removes it), the same way `gentoo-wb import` does.
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { changesFor, importTarball, type EngineKind, type ImportResult, type ProgressListener } from '../docker/index.js';

export interface ImportBaseOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** Import `file` as `tag`; the engine kind decides how labels are quoted. */
export async function importBase(docker: Dockerode, engine: EngineKind, file: string, tag: string, options: ImportBaseOptions = {}): Promise<ImportResult> {
  const changes = changesFor({ labels: gentooWbLabels({ version: appVersion(), role: 'imported' }) }, engine);
  return importTarball(docker, file, { tag, changes, message: `imported by gentoo-wb from ${file}`, ...options });
}
