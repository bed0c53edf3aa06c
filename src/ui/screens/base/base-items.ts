// The rows of the three sections and the words the detail pane says about the selected one. Pure.
import { lastWeeklyDate, stage3TagOf, type Stage3Arch } from '../../../core/base/stage3-catalogue.js';
import type { CatalogueRow } from '../../../core/base/stage3-presence.js';
import type { PortageSource } from '../../../core/recipe/recipe-schema.js';
import type { SnapshotImage } from '../../../engine/base/snapshot-images.js';
import type { ImageSummary } from '../../../engine/docker/index.js';
import { humanAge, humanSize } from '../../../core/format/size.js';
import { shortId } from '../../../core/format/short-id.js';

export const DEFAULT_SNAPSHOT = 'gentoo/portage:latest';

export type Section = 'catalogue' | 'local' | 'tree' | 'engine';
/** The sections in Tab order; Engine only when engines are configured (`gentoo-wb engines add`). */
export function sectionsFor(withEngines: boolean): readonly Section[] {
  return withEngines ? ['catalogue', 'local', 'tree', 'engine'] : ['catalogue', 'local', 'tree'];
}

/** One tag of a local image. */
export interface LocalRow {
  ref: string;
  id: string;
  size: number;
  created: string;
  stage3: boolean;
}

export type TreeRow =
  | { kind: 'snapshot'; ref: string; present: boolean; repoPath: string | null }
  | { kind: 'host' }
  | { kind: 'base' };

/** One row per tag, newest images first; untagged images are left out (a recipe cannot name them). */
export function localRows(images: readonly ImageSummary[]): LocalRow[] {
  return images.flatMap((i) => i.tags.map((ref) => ({ ref, id: i.id, size: i.size, created: i.created, stage3: stage3TagOf(ref) !== null })));
}

/** Snapshot images found locally (the default one listed even when missing), then host and base. */
export function treeRows(snapshots: readonly SnapshotImage[] | null): TreeRow[] {
  const found = (snapshots ?? []).map((s): TreeRow => ({ kind: 'snapshot', ref: s.ref, present: true, repoPath: s.repoPath }));
  const hasDefault = (snapshots ?? []).some((s) => s.ref === DEFAULT_SNAPSHOT || s.ref === `docker.io/${DEFAULT_SNAPSHOT}`);
  const missing: TreeRow[] = hasDefault ? [] : [{ kind: 'snapshot', ref: DEFAULT_SNAPSHOT, present: false, repoPath: null }];
  return [...missing, ...found, { kind: 'host' }, { kind: 'base' }];
}

/** True when a tree row is the recipe's current source. */
export function isCurrentTree(row: TreeRow, source: PortageSource): boolean {
  if (row.kind === 'snapshot') return source.source === 'snapshot' && source.image === row.ref;
  return row.kind === source.source;
}

/** A tree source in words. */
export function treeText(source: PortageSource): string {
  if (source.source === 'snapshot') return `snapshot ${source.image}`;
  if (source.source === 'host') return `host ${source.path}`;
  return "the base's own tree";
}

/** What the detail pane says about a catalogue row. */
export function catalogueDetail(row: CatalogueRow, arch: Stage3Arch, now: Date): string[] {
  const lines = [row.tag, row.summary, ''];
  if (row.present) lines.push(`Present locally (${row.ref}). Enter uses it.`);
  else lines.push(`Not present. Enter pulls ${row.ref}, then uses it.`);
  if (row.dated.length > 0) lines.push(`Dated copies here: ${row.dated.slice(0, 3).join(', ')}${row.dated.length > 3 ? ' …' : ''}`);
  lines.push(`Weekly: ${row.tag}-${lastWeeklyDate(now)} (t types one)`);
  if (row.kind === 'alias') lines.push(`Alias: the engine picks the ${arch} image.`);
  return lines;
}

/** What the detail pane says about a local image. */
export function localDetail(row: LocalRow, now = Date.now()): string[] {
  return [row.ref, `${shortId(row.id)} · ${humanSize(row.size)} · ${humanAge(row.created, now, true)}`, '', row.stage3 ? 'An official stage3. Enter uses it.' : 'Enter uses it as the base.'];
}

/** What the detail pane says about a tree row. */
export function treeDetail(row: TreeRow): string[] {
  if (row.kind === 'snapshot') {
    return row.present
      ? [`Snapshot image ${row.ref}`, `VOLUME ${row.repoPath ?? '?'}`, '', 'One read-only copy shared by every build (VolumesFrom). Enter uses it.']
      : [`Snapshot image ${row.ref}`, 'Not present locally.', '', 'p pulls it; builds fail until it is here.'];
  }
  if (row.kind === 'host') return ['A repository on the engine\'s host', '', 'Bind-mounted read-only at /var/db/repos/gentoo. Enter asks for its path.'];
  return ["The base image's own tree", '', 'Whatever the base has at /var/db/repos/gentoo (official stage3s have none).'];
}
