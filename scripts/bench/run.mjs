#!/usr/bin/env node
// Runs every scripts/bench/*.bench.mjs and prints one table. Each bench module default-exports an
// async function returning rows {metric, value, unit, baseline?, ratio?, target?, note?}; ratios are
// always against a baseline measured in the same run.
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

// Every object gentoo-wb makes during the benchmarks lands in a namespace of their own (read from the
// environment by the engine), never among a person's caches; test-images.mjs removes it at the end.
process.env.GENTOO_WB_NAMESPACE = `bench-${process.pid}`;

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.mjs')).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

const rows = [];
for (const file of files) {
  const started = performance.now();
  process.stderr.write(`bench ${file} ...`);
  try {
    const mod = await import(pathToFileURL(path.join(dir, file)).href);
    const got = await mod.default();
    rows.push(...got.map((r) => ({ file, ...r })));
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    process.stderr.write(` failed\n`);
    rows.push({ file, metric: `${file} failed`, value: NaN, unit: '', note: String(err?.message ?? err).split('\n')[0] });
  }
}

const fmt = (v) => (v === undefined || v === null ? '' : typeof v === 'number' ? (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3)) : 'n/a') : String(v));
const table = [['metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'note']].concat(
  rows.map((r) => [r.metric, fmt(r.value), r.unit ?? '', fmt(r.baseline), fmt(r.ratio), r.target ?? '', r.note ?? '']),
);
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((c, j) => (j === 0 || j === 6 ? String(c).padEnd(widths[j]) : String(c).padStart(widths[j]))).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
if (process.env.BENCH_JSON) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(process.env.BENCH_JSON, JSON.stringify(rows, null, 2));
}
