// The Summary tab as lines: size, base share, efficiency, packages, the build and its smoke test,
// then the largest packages and directories side by side.
import { directoriesTo } from '../../../core/inspect/dir-tree.js';
import type { Inspection } from '../../../core/inspect/inspection.js';
import type { Glyphs } from '../../../core/glyphs.js';
import type { DetailLine } from './detail-view.js';
import { bar } from '../../../core/format/bar.js';
import { bytes, fit, percent } from './format.js';

function pair(left: string, right: string, width: number): string {
  const half = Math.floor((width - 2) / 2);
  return `${fit(left, half).padEnd(half)}  ${fit(right, width - half - 2)}`;
}

/** Everything the Summary tab says, for `width` columns. */
export function summaryLines(ins: Inspection, notes: readonly string[], width: number, glyphs: Glyphs): DetailLine[] {
  const lines: DetailLine[] = [];
  const label = (name: string) => name.padEnd(11);
  lines.push({ text: `${label('Size')}${bytes(ins.size)} in ${ins.layers.length} layer${ins.layers.length === 1 ? '' : 's'} · ${ins.files} files · ${bytes(ins.visibleBytes)} visible` });
  if (ins.base) {
    const known = ins.base.id !== null;
    lines.push({ text: `${label('Base')}${fit(ins.base.ref, 28)} ${known ? `${bytes(ins.base.bytes)} ${percent(ins.base.share)} ${bar(ins.base.share, 12, glyphs.barFull, glyphs.barEmpty)}` : 'not on this engine'}` });
  } else lines.push({ text: `${label('Base')}unknown (no source-image label)`, tone: 'muted' });
  const eff = ins.waste.efficiency;
  lines.push({ text: `${label('Efficiency')}${percent(eff)} · wasted ${bytes(ins.waste.wastedBytes)} (dive) · ${bytes(ins.waste.hiddenBytes)} hidden by later layers`, tone: eff < 0.9 ? 'warn' : 'pass' });
  const p = ins.packages;
  if (p.source) {
    const from = p.source === 'image' ? '/var/db/pkg' : 'build record';
    lines.push({ text: `${label('Packages')}${p.packages.length} from ${from} · ${bytes(p.ownedBytes)} in their files · ${bytes(Math.max(0, ins.visibleBytes - p.ownedBytes))} owned by none` });
  } else lines.push({ text: `${label('Packages')}unknown: no /var/db/pkg and no capture in a build record`, tone: 'warn' });
  if (ins.build) {
    lines.push({ text: `${label('Build')}${ins.build.id} · ${ins.build.recipeName} · ${ins.build.mode} mode · ${ins.build.status}` });
    const smoke = ins.build.smokeTest;
    if (smoke) {
      lines.push({ text: `${label('Smoke test')}${smoke.ok ? glyphs.pass : glyphs.fail} ${smoke.argv.join(' ')} → exit ${smoke.exitCode}`, tone: smoke.ok ? 'pass' : 'fail', bold: !smoke.ok });
      const last = smoke.output.split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(-2);
      for (const l of last) lines.push({ text: `${' '.repeat(11)}${l}`, tone: 'muted' });
    } else lines.push({ text: `${label('Smoke test')}none recorded`, tone: 'muted' });
    for (const note of ins.build.notes) lines.push({ text: `${label('Build note')}${note}`, tone: note.startsWith('CPU:') ? 'warn' : 'info' });
  } else lines.push({ text: `${label('Build')}no gentoo-wb build record on this machine`, tone: 'muted' });
  for (const n of notes) lines.push({ text: `${label('Note')}${n}`, tone: 'info' });
  lines.push({ text: '' });
  lines.push({ text: pair('Largest packages', 'Largest directories', width), tone: 'title', bold: true });
  const pkgs = p.packages.slice(0, 8).map((x) => `${bytes(x.size).padStart(8)} ${x.cpv}`);
  const dirs = directoriesTo(ins.tree, 2).slice(0, 8).map((d) => `${bytes(d.size).padStart(8)} ${d.path}`);
  for (let i = 0; i < Math.max(pkgs.length, dirs.length); i++) lines.push({ text: pair(pkgs[i] ?? '', dirs[i] ?? '', width) });
  return lines;
}
