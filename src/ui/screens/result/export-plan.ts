// What an export typed into the prompt means: compression from the file name, the files written
// beside it, and the checks a name must pass. Pure, so the rules are tested alone.
import path from 'node:path';
import { besideNames } from '../../../engine/inspect/export-extras.js';
import { invalidTagReason } from '../../../engine/docker/image-ref.js';
import type { InputProblem } from '../../components/text-input/text-input-types.js';
import type { ExportRequest } from './result-services.js';
import { shortId } from '../../../core/format/short-id.js';

const ENDINGS: [RegExp, ExportRequest['compression']][] = [
  [/\.(tar\.gz|tgz)$/i, 'gzip'],
  [/\.tar\.zstd?$/i, 'zstd'],
  [/\.tar$/i, 'none'],
];

/** What the export must never write over: the recipe open in the workbench. */
export interface ExportGuard {
  /** The open recipe's file (null when none is open or it is not saved yet). */
  openRecipe?: string | null;
  /** The image has a build (so the recipe and a Dockerfile are written beside the archive). */
  hasBuild?: boolean;
}

/** Why an archive name cannot be used, or null. */
export function archiveNameProblem(value: string, guard: ExportGuard = {}): InputProblem | null {
  const name = value.trim();
  if (name === '') return { message: 'type the archive file name' };
  if (name.endsWith('/')) return { message: 'that is a folder: add a file name', offset: name.length - 1 };
  if (!ENDINGS.some(([re]) => re.test(name))) return { message: 'end the name in .tar, .tar.gz or .tar.zst (that picks the compression)', offset: Math.max(0, name.lastIndexOf('.')), length: name.length - Math.max(0, name.lastIndexOf('.')) };
  if (guard.openRecipe) {
    // The recipe beside the archive is the image's (maybe an older version of the open one): it never
    // replaces the file being edited, and neither does the archive, the Dockerfile or the SBOM.
    const open = path.resolve(guard.openRecipe);
    const request = exportRequestFor(name, { flatten: false, hasBuild: guard.hasBuild === true });
    const written: [string | null | undefined, string][] = [[request.output, 'the archive'], [request.recipe, 'the recipe written beside it'], [request.dockerfile, 'the Dockerfile written beside it'], [request.sbom?.file, 'the SBOM written beside it']];
    const hit = written.find(([f]) => f !== null && f !== undefined && path.resolve(f) === open);
    if (hit) return { message: `${hit[1]} would replace the open recipe ${guard.openRecipe}: choose another name` };
  }
  return null;
}

/** The request for an archive name (checked first with archiveNameProblem). */
export function exportRequestFor(value: string, options: { flatten: boolean; hasBuild: boolean }): ExportRequest {
  const output = value.trim();
  const compression = ENDINGS.find(([re]) => re.test(output))?.[1] ?? 'none';
  const beside = besideNames(output);
  return {
    output,
    flatten: options.flatten,
    compression,
    recipe: options.hasBuild ? beside.recipe : null,
    dockerfile: options.hasBuild ? beside.dockerfile : null,
    sbom: { file: beside.sbom, format: 'cyclonedx' },
  };
}

/** A default archive name for an image: its first tag, made file-safe. */
export function defaultArchiveName(tag: string | undefined, id: string, flatten: boolean): string {
  const base = (tag ?? shortId(id)).replace(/[/:@]/g, '-');
  return `${base}${flatten ? '-flat' : ''}.tar`;
}

/** The tags typed into the tag prompt (spaces or commas between them). */
export function tagsFrom(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

/** Why the typed tags cannot be used, or null. */
export function tagsProblem(value: string): InputProblem | null {
  const tags = tagsFrom(value);
  if (tags.length === 0) return { message: 'type NAME[:TAG] (several: separate them with spaces)' };
  let offset = 0;
  for (const t of tags) {
    const at = value.indexOf(t, offset);
    const reason = invalidTagReason(t);
    if (reason !== null) return { message: `${t}: ${reason}`, offset: at, length: t.length };
    offset = at + t.length;
  }
  return null;
}
