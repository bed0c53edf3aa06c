// The files written beside an export: the recipe the image was built from, a Dockerfile that
// reproduces the build without gentoo-wb, and an SBOM. Recipe and Dockerfile come from the build
// folder the image's build-id label names; they are prepared before the (long) export so a missing
// build is reported at once. Each file appears atomically (temporary name, rename on success).
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { generateDockerfile } from '../../core/inspect/dockerfile/generate-dockerfile.js';
import type { Inspection } from '../../core/inspect/inspection.js';
import { renderSbom } from '../../core/inspect/sbom/sbom.js';
import type { SbomFormat } from '../../core/inspect/sbom/sbom-input.js';
import { LABEL } from '../../core/labels.js';
import { writeStreamAtomically } from '../docker/atomic-file.js';
import { EngineError } from '../docker/errors.js';
import { inspectImage } from '../docker/images.js';
import { buildForImage, type BuildFolder } from './build-lookup.js';

export type ExtraKind = 'recipe' | 'dockerfile' | 'sbom';

export interface ExtrasRequest {
  recipe?: string | null;
  dockerfile?: string | null;
  sbom?: { file: string; format: SbomFormat } | null;
}

export interface WrittenExtra {
  kind: ExtraKind;
  file: string;
  bytes: number;
  /** SBOM only. */
  format?: SbomFormat;
}

/** Texts ready before the export; the SBOM still needs the inspection. */
export interface PreparedExtras {
  image: { id: string; name: string };
  build: BuildFolder | null;
  texts: { kind: 'recipe' | 'dockerfile'; file: string; text: string }[];
  sbom: { file: string; format: SbomFormat } | null;
}

function noBuild(ref: string, what: string, labels: Record<string, string>): EngineError {
  const id = labels[LABEL.buildId];
  return id
    ? new EngineError('not-found', `${ref} was built by gentoo-wb build ${id}, but this machine has no ${what} for it (the build folder is gone)`, 'leave the option out, or export on the machine that built the image')
    : new EngineError('not-found', `${ref} was not built by gentoo-wb (no ${LABEL.buildId} label), so there is no ${what} to write`, 'leave the option out; --sbom works for any image');
}

/** Check and prepare what goes beside the export; fails before anything is written. */
export async function prepareExtras(docker: Dockerode, ref: string, request: ExtrasRequest, options: { toolVersion: string; env?: NodeJS.ProcessEnv }): Promise<PreparedExtras> {
  const details = await inspectImage(docker, ref);
  const needsBuild = Boolean(request.recipe || request.dockerfile);
  const build = needsBuild || request.sbom ? await buildForImage(details.labels, options.env) : null;
  const texts: PreparedExtras['texts'] = [];
  if (request.recipe) {
    if (!build?.recipeText) throw noBuild(ref, 'recipe', details.labels);
    texts.push({ kind: 'recipe', file: request.recipe, text: build.recipeText });
  }
  if (request.dockerfile) {
    if (!build?.recipe) throw noBuild(ref, 'recipe to make a Dockerfile from', details.labels);
    texts.push({ kind: 'dockerfile', file: request.dockerfile, text: generateDockerfile({ recipe: build.recipe, plan: build.plan, toolVersion: options.toolVersion }) });
  }
  return { image: { id: details.id, name: ref }, build, texts, sbom: request.sbom ?? null };
}

async function writeText(file: string, text: string, signal?: AbortSignal): Promise<number> {
  const written = await writeStreamAtomically(Readable.from([Buffer.from(text)]), file, { signal, action: `write ${file}` });
  return written.fileBytes;
}

/** Write the prepared files; the SBOM from `inspection` (required when one was asked for). */
export async function writeExtras(prepared: PreparedExtras, inspection: Inspection | null, options: { toolVersion: string; signal?: AbortSignal; now?: () => Date }): Promise<WrittenExtra[]> {
  const written: WrittenExtra[] = [];
  for (const t of prepared.texts) written.push({ kind: t.kind, file: t.file, bytes: await writeText(t.file, t.text, options.signal) });
  if (prepared.sbom) {
    if (!inspection) throw new Error('an SBOM needs the inspection of the image');
    const text = renderSbom(prepared.sbom.format, {
      image: prepared.image,
      packages: inspection.packages.packages,
      tool: { name: 'gentoo-wb', version: options.toolVersion },
      timestamp: (options.now?.() ?? new Date()).toISOString(),
      uuid: randomUUID(),
    });
    written.push({ kind: 'sbom', file: prepared.sbom.file, bytes: await writeText(prepared.sbom.file, text, options.signal), format: prepared.sbom.format });
  }
  return written;
}

/** Names for the files beside an archive: `app.tar.gz` → `app.recipe.json`, `app.Dockerfile`, `app.cdx.json`. */
export function besideNames(archive: string, format: SbomFormat = 'cyclonedx'): { recipe: string; dockerfile: string; sbom: string } {
  const stem = archive.replace(/\.(tar(\.(gz|zst|zstd))?|tgz)$/i, '');
  return { recipe: `${stem}.recipe.json`, dockerfile: `${stem}.Dockerfile`, sbom: `${stem}.${format === 'spdx' ? 'spdx' : 'cdx'}.json` };
}
