// `inspect` as text: a summary, or one table (layers, packages, directories), or a diff. Widths are
// for a terminal; scripts use --json.
import { sanitizeLines } from '../core/format/sanitize.js';
import { directoriesTo } from '../core/inspect/dir-tree.js';
import type { ImageDiff, PackageDelta } from '../core/inspect/diff.js';
import type { Inspection } from '../core/inspect/inspection.js';
import { formatTable, humanSize } from './output.js';
import { shortId } from '../core/format/short-id.js';

// Never "100.0 %" for less than all: 0.99976 reads "99.97 %".
const percent = (x: number) => (x < 1 && x >= 0.9995 ? `${(Math.floor(x * 10000) / 100).toFixed(2)} %` : `${(x * 100).toFixed(1)} %`);
const oneLine = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ').replace(/^\/bin\/sh -c (#\(nop\) )?/, '').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const signed = (bytes: number) => `${bytes >= 0 ? '+' : '-'}${humanSize(Math.abs(bytes))}`;

/** The summary: size, layers, base share, efficiency, packages, largest packages and directories. */
export function summaryText(ins: Inspection, notes: string[] = []): string {
  const lines: string[] = [];
  const name = ins.image.tags[0] ?? shortId(ins.image.id);
  lines.push(`${name}  ${shortId(ins.image.id)}${ins.image.architecture ? `  ${ins.image.architecture}` : ''}`);
  const engine = ins.image.engineSize !== null && ins.image.engineSize !== ins.size ? ` (the engine says ${humanSize(ins.image.engineSize)})` : '';
  lines.push(`Size        ${humanSize(ins.size)} in ${ins.layers.length} layer${ins.layers.length === 1 ? '' : 's'}${engine}; ${ins.files} files, ${humanSize(ins.visibleBytes)} visible`);
  if (ins.base) lines.push(`Base        ${ins.base.ref}: ${ins.base.layers} layer${ins.base.layers === 1 ? '' : 's'}, ${humanSize(ins.base.bytes)} (${percent(ins.base.share)} of the image)`);
  lines.push(`Efficiency  ${percent(ins.waste.efficiency)}; wasted ${humanSize(ins.waste.wastedBytes)} (dive's measure), ${humanSize(ins.waste.hiddenBytes)} hidden by later layers`);
  const p = ins.packages;
  if (p.source) {
    const from = p.source === 'image' ? '/var/db/pkg' : 'the build record';
    lines.push(`Packages    ${p.packages.length} (from ${from}), ${humanSize(p.ownedBytes)} in their files; ${humanSize(Math.max(0, ins.visibleBytes - p.ownedBytes))} owned by no package`);
  } else lines.push('Packages    unknown (no package database)');
  if (ins.build) {
    const smoke = ins.build.smokeTest ? (ins.build.smokeTest.ok ? `smoke test passed (${ins.build.smokeTest.argv.join(' ')})` : `smoke test FAILED, exit ${ins.build.smokeTest.exitCode}`) : 'no smoke test';
    lines.push(`Build       ${ins.build.id} of ${ins.build.recipeName} (${ins.build.mode} mode), ${smoke}`);
  }
  for (const n of notes) lines.push(`Note        ${n}`);
  if (p.packages.length > 0) {
    lines.push('', 'Largest packages');
    for (const pkg of p.packages.slice(0, 10)) lines.push(`  ${humanSize(pkg.size).padStart(9)}  ${pkg.cpv}`);
  }
  lines.push('', 'Largest directories');
  for (const d of directoriesTo(ins.tree, 2).slice(0, 10)) lines.push(`  ${humanSize(d.size).padStart(9)}  ${d.path}`);
  // Tags, notes, package and path names come from the image: shown, never sent raw.
  return `${sanitizeLines(lines.join('\n'))}\n`;
}

/** One row per layer. */
export function layersText(ins: Inspection): string {
  return formatTable(['#', 'SIZE', 'ADDED', 'CHANGED', 'REMOVED', 'CREATED BY'], ins.layers.map((l) => [
    `${l.index + 1}${l.base ? '*' : ''}`, humanSize(l.size), String(l.added), String(l.modified), String(l.removed), oneLine(l.createdBy),
  ])) + (ins.layers.some((l) => l.base) ? '* part of the base image\n' : '');
}

/** One row per package, largest first. */
export function packagesText(ins: Inspection): string {
  if (!ins.packages.source) return 'No package database in this image and no build record with a capture.\n';
  return formatTable(['PACKAGE', 'SIZE', 'FILES', 'MISSING', 'USE'], ins.packages.packages.map((p) => [
    p.cpv, `${humanSize(p.size)}${p.estimated ? '~' : ''}`, String(p.files), String(p.missing), p.use.join(' '),
  ]));
}

/** Directories down to `depth`, largest first. */
export function dirsText(ins: Inspection, depth: number): string {
  return formatTable(['SIZE', 'FILES', 'PATH'], directoriesTo(ins.tree, depth).map((d) => [humanSize(d.size), String(d.files), d.path]));
}

function deltaRow(d: PackageDelta): string[] {
  const what = d.kind === 'added' ? d.after!.cpv : d.kind === 'removed' ? d.before!.cpv : `${d.before!.cpv} → ${d.after!.version}${d.reasons.includes('use') ? ' (USE)' : ''}`;
  return [d.kind, what, signed(d.delta)];
}

/** A diff as text: totals, packages, directories that grew. */
export function diffText(diff: ImageDiff): string {
  const lines: string[] = [];
  const pct = diff.percent === null ? '' : ` (${diff.percent >= 0 ? '+' : ''}${diff.percent.toFixed(1)} %)`;
  lines.push(`${diff.from.label} ${humanSize(diff.from.size)} → ${diff.to.label} ${humanSize(diff.to.size)}: ${signed(diff.delta)}${pct}`);
  lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`);
  const rows = [...diff.added, ...diff.removed, ...diff.changed].map(deltaRow);
  if (rows.length > 0) lines.push('', formatTable(['', 'PACKAGE', 'DELTA'], rows).trimEnd());
  if (diff.grew.length > 0) {
    lines.push('', 'Directories that grew most');
    for (const d of diff.grew.slice(0, 10)) lines.push(`  ${signed(d.delta).padStart(10)}  ${d.path}`);
  }
  if (diff.shrank.length > 0) {
    lines.push('', 'Directories that shrank most');
    for (const d of diff.shrank.slice(0, 5)) lines.push(`  ${signed(d.delta).padStart(10)}  ${d.path}`);
  }
  return `${sanitizeLines(lines.join('\n'))}\n`;
}
