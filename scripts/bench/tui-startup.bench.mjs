// Time from process start to the first full frame of the TUI (footer drawn) in an 80x24 PTY, next to
// `docker version` run the same way, alternating runs.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { median, timeInPty } from './pty.mjs';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const RUNS = 5;

export default async function bench() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-'));
  const tui = [];
  const docker = [];
  for (let i = 0; i < RUNS; i++) {
    const t = await timeInPty([process.execPath, cli], {
      until: (out) => /\? help +q\/\^C quit/.test(stripVTControlCharacters(out)),
      quitKeys: 'q',
      env: { XDG_CONFIG_HOME: home },
    });
    tui.push(t.ms);
    const d = await timeInPty(['docker', 'version'], {});
    docker.push(d.ms);
  }
  const value = median(tui);
  const baseline = median(docker);
  return [
    { metric: 'TUI first full frame (80x24 PTY, median of 5)', value, unit: 'ms', baseline, ratio: value / baseline, target: '< 2000 ms', note: 'baseline: docker version in the same PTY' },
  ];
}
