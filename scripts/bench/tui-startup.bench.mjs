// P5: time from process start to the TUI's first frame (the step bar drawn) and to its first full
// frame (footer drawn) in an 80x24 PTY, next to `docker info` run by the docker CLI in the same PTY,
// alternating runs so both see the same machine load.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { median, timeInPty } from './pty.mjs';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const RUNS = 7;

/** The step bar is the first thing every frame draws; the footer's quit key ends a full frame. */
const firstFrame = (out) => stripVTControlCharacters(out).includes('1 Host');
const fullFrame = (out) => /\? help +q\/\^C quit/.test(stripVTControlCharacters(out));

export default async function bench() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-'));
  const first = [];
  const full = [];
  const docker = [];
  const bareNode = [];
  for (let i = 0; i < RUNS; i++) {
    const f = await timeInPty([process.execPath, cli], { until: firstFrame, quitKeys: 'q', env: { XDG_CONFIG_HOME: home } });
    first.push(f.ms);
    const t = await timeInPty([process.execPath, cli], { until: fullFrame, quitKeys: 'q', env: { XDG_CONFIG_HOME: home } });
    full.push(t.ms);
    const d = await timeInPty(['docker', 'info'], {});
    docker.push(d.ms);
    const n = await timeInPty([process.execPath, '-e', '0'], {});
    bareNode.push(n.ms);
  }
  const baseline = median(docker);
  const value = median(first);
  const fullValue = median(full);
  return [
    { metric: 'P5 start to first frame (80x24 PTY, median of 7)', value, unit: 'ms', baseline, ratio: value / baseline, target: '≤ 1.0; < 400 ms idle', note: 'baseline: docker info (docker CLI) in the same PTY' },
    { metric: 'start to first full frame (footer drawn)', value: fullValue, unit: 'ms', baseline, ratio: fullValue / baseline, target: '< 2000 ms', note: 'host checks answered' },
    // The floor: Node itself starting and exiting, same PTY; the first frame cannot come sooner.
    { metric: 'floor: node -e 0 (same PTY)', value: median(bareNode), unit: 'ms', baseline, ratio: median(bareNode) / baseline, note: 'Node\'s own start-up next to the Go docker CLI' },
  ];
}
