// The detail pages of a layer and of a package, as lines for DetailView.
import type { LayerRow } from '../../../core/inspect/inspection.js';
import type { LayerFiles } from '../../../core/inspect/layer-types.js';
import type { PackageSize } from '../../../core/inspect/package-sizes.js';
import type { DetailLine } from './detail-view.js';
import { bytes } from './format.js';
import { wrapLine } from '../../../core/format/wrap.js';

/** A layer: what made it, what it did, its largest files. */
export function layerDetail(row: LayerRow, layer: LayerFiles | undefined, width: number): DetailLine[] {
  const lines: DetailLine[] = [{ text: `Layer ${row.index + 1}${row.base ? ' (part of the base image)' : ''}: ${bytes(row.size)}`, tone: 'title', bold: true }];
  if (row.diffId) lines.push({ text: row.diffId, tone: 'muted' });
  lines.push({ text: `${row.entries} entries: ${row.added} files added, ${row.modified} changed, ${row.removed} removed; hides ${bytes(row.hiddenBytes)} of lower layers` });
  lines.push({ text: '' }, { text: 'Created by', tone: 'title', bold: true });
  for (const l of wrapLine(row.createdBy || '(not recorded)', width - 2, '    ')) lines.push({ text: `  ${l}` });
  // Only what the whiteouts really removed from lower layers: an opaque marker on a directory that
  // is new in this layer hides nothing.
  const removals = row.removals;
  if (removals.length > 0) {
    lines.push({ text: '' }, { text: `Removes from lower layers (whiteouts)${removals.length > 10 ? `: 10 of ${removals.length}` : ''}`, tone: 'title', bold: true });
    for (const r of removals.slice(0, 10)) {
      const what = r.opaque ? `/ (its old contents: ${r.files} file${r.files === 1 ? '' : 's'}, ${bytes(r.bytes)})` : r.files > 1 ? ` (${r.files} files, ${bytes(r.bytes)})` : ` (${bytes(r.bytes)})`;
      lines.push({ text: `  ${r.path}${what}`, tone: 'removed' });
    }
  }
  const files = (layer?.entries ?? []).filter((e) => e.kind === 'file').sort((a, b) => b.size - a.size || a.path.localeCompare(b.path)).slice(0, 15);
  if (files.length > 0) {
    lines.push({ text: '' }, { text: 'Largest files it adds', tone: 'title', bold: true });
    for (const f of files) lines.push({ text: `  ${bytes(f.size).padStart(9)}  ${f.path}` });
  }
  return lines;
}

/** A package: version, slot, USE, licence, sizes, largest files. */
export function packageDetail(p: PackageSize, width: number): DetailLine[] {
  const lines: DetailLine[] = [{ text: `${p.cpv}: ${bytes(p.size)}${p.estimated ? ' (recorded size; no file list)' : ''}`, tone: 'title', bold: true }];
  lines.push({ text: `slot ${p.slot ?? '?'} · repository ${p.repository ?? '?'} · ${p.files} file${p.files === 1 ? '' : 's'} in the image${p.missing > 0 ? `, ${p.missing} not (stripped or removed)` : ''}` });
  if (p.recordedSize !== null) lines.push({ text: `Portage recorded ${bytes(p.recordedSize)} at merge time`, tone: 'muted' });
  for (const l of wrapLine(`USE: ${p.use.length > 0 ? p.use.join(' ') : '(none)'}`, width - 2, '     ')) lines.push({ text: l });
  for (const l of wrapLine(`Licence: ${p.license ?? '(not recorded)'}`, width - 2, '         ')) lines.push({ text: l });
  if (p.largest.length > 0) {
    lines.push({ text: '' }, { text: 'Largest files', tone: 'title', bold: true });
    for (const f of p.largest) lines.push({ text: `  ${bytes(f.size).padStart(9)}  ${f.path}` });
  }
  return lines;
}
