// Core parser benchmarks on inputs built from the real transcripts in ../shared/portage:
//   - pretend: a 5,000-package merge list made of real merge-list lines with varied names;
//   - build stream: real build captures repeated to ~50 MB, fed in 64 KiB chunks;
//   - emerge.log: the real 10,000-line log repeated to 100,000 lines with shifted timestamps.
// The baseline of each row is a plain line split of the same input, measured in the same run, so
// the ratio is the parser's cost over splitting.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parsePretend, createBuildStreamParser, parseEmergeLog } from '../../dist/core/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORTAGE = path.resolve(here, '../../../shared/portage');
const rig = (name) => readFileSync(path.join(PORTAGE, 'rig', `${name}.txt`), 'utf8');
const realWorld = (name) => {
  const text = readFileSync(path.join(PORTAGE, 'real-world', `${name}.txt`), 'utf8');
  return text.replace(/^(?:# (?:source|kind|note): .*\n)+/, '');
};

/** Median wall time (ms) of `runs` calls after one warm-up. */
function timeMs(fn, runs) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function pretendInput(count) {
  const sources = [
    rig('01-pretend-verbose-php'), rig('06-pretend-world-update'), rig('10-pretend-download-sizes'), rig('11-keyword-autounmask'),
    rig('16-blocker-soft-resolved'), rig('32-emptytree-world-pretend'), rig('35-buildpkg-then-usepkg'), rig('03-pretend-columns-php'),
    realWorld('pretend-01'), realWorld('pretend-04'), realWorld('pretend-06'), realWorld('fetch-restrict-01'), realWorld('pretend-tree-05'),
  ];
  const shapes = sources.flatMap((t) => t.split('\n').filter((l) => /^\[(ebuild|binary|nomerge|uninstall|blocks)/.test(l)));
  const lines = [];
  for (let i = 0; i < count; i++) {
    const shape = shapes[i % shapes.length];
    // Vary the package name (…/name-ver → …/nameNNN-ver) so no two lines are the same.
    lines.push(shape.replace(/\] ( *)([\w+.-]+)\/([A-Za-z0-9_+]+)/, (_m, indent, cat, pn) => `] ${indent}${cat}/${pn}${i}`));
  }
  return ['', 'These are the packages that would be merged, in order:', '', 'Calculating dependencies ... done!',
    'Dependency resolution took 3.21 s (backtrack: 0/20).', '', ...lines, '',
    `Total: ${count} packages (${count} new), Size of downloads: 123,456 KiB`, ''].join('\n');
}

function buildStreamInput(targetBytes) {
  const parts = [
    rig('20-build-jobs3-php-git'), rig('21-build-jobs3-failure'), rig('22-build-serial-default'), rig('23-build-config-protect'),
    rig('35-buildpkg-build'), rig('50-pty-build-jobs3'), rig('20-build-jobs3-php-git.php-build.log.final'), realWorld('merge-02'),
  ];
  const unit = parts.join('\n');
  return unit.repeat(Math.ceil(targetBytes / Buffer.byteLength(unit)));
}

function emergeLogInput(lines) {
  const base = realWorld('emergelog-06-large').split('\n').filter((l) => l.length > 0);
  const first = Number(base[0].slice(0, base[0].indexOf(':')));
  const last = Number(base[base.length - 1].slice(0, base[base.length - 1].indexOf(':')));
  const span = last - first + 3600;
  const out = [];
  for (let k = 0; out.length < lines; k++) {
    for (const line of base) {
      if (out.length >= lines) break;
      const colon = line.indexOf(':');
      const ts = Number(line.slice(0, colon));
      out.push(Number.isFinite(ts) && colon > 0 ? `${ts + k * span}${line.slice(colon)}` : line);
    }
  }
  return `${out.join('\n')}\n`;
}

function chunk(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The trivial baseline: split chunks into lines, carrying the partial last line. */
function splitOnly(chunks) {
  let pending = '';
  let n = 0;
  for (const c of chunks) {
    const parts = (pending + c).split('\n');
    pending = parts.pop();
    n += parts.length;
  }
  return n;
}

export default async function coreParsersBench() {
  const rows = [];

  const pretend = pretendInput(5000);
  const parsed = parsePretend(pretend);
  if (parsed.packages.length !== 5000) throw new Error(`pretend bench input parsed to ${parsed.packages.length} packages, not 5000`);
  const pretendMs = timeMs(() => parsePretend(pretend), 15);
  const pretendBase = timeMs(() => pretend.split('\n'), 15);
  rows.push({ metric: 'pretend parse, 5,000 packages', value: pretendMs, unit: 'ms', baseline: pretendBase, ratio: pretendMs / pretendBase, target: '< 50 ms', note: `${(pretend.length / 1024).toFixed(0)} KiB, ${parsed.unknown.length} unknown lines` });

  const stream = buildStreamInput(50 * 1024 * 1024);
  const bytes = Buffer.byteLength(stream);
  const chunks = chunk(stream, 64 * 1024);
  let events = 0;
  const streamMs = timeMs(() => {
    const p = createBuildStreamParser();
    events = 0;
    for (const c of chunks) events += p.push(c).length;
    events += p.end().length;
  }, 3);
  const streamBase = timeMs(() => splitOnly(chunks), 3);
  const mb = bytes / (1024 * 1024);
  rows.push({ metric: 'build stream throughput, 64 KiB chunks', value: mb / (streamMs / 1000), unit: 'MB/s', baseline: mb / (streamBase / 1000), ratio: streamMs / streamBase, target: '>= 50 MB/s', note: `${mb.toFixed(0)} MB, ${events} events, ratio = parse time / split time` });

  const log = emergeLogInput(100000);
  const parsedLog = parseEmergeLog(log);
  if (parsedLog.unknown.length > 0) throw new Error(`emerge.log bench input has ${parsedLog.unknown.length} unknown lines`);
  const logMs = timeMs(() => parseEmergeLog(log), 7);
  const logBase = timeMs(() => log.split('\n'), 7);
  rows.push({ metric: 'emerge.log parse, 100,000 lines', value: logMs, unit: 'ms', baseline: logBase, ratio: logMs / logBase, target: '< 200 ms', note: `${parsedLog.merges.length} merges, ${parsedLog.sessions.length} sessions` });

  return rows;
}
