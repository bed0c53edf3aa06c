// Host check timing against the local engine. The baseline is `docker info` run the same way
// (a child process, wall time), so the ratio says what the whole check costs over asking the engine
// once. Rows: the CLI end to end (`gentoo-wb check --json`, node start-up included), and the check
// in-process with and without the container probe.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkHost } from '../../dist/engine/host/check-host.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Median wall time (ms) of `runs` calls after one warm-up. */
async function timeMs(fn, runs) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export default async function bench() {
  const runs = 7;
  const dockerInfo = await timeMs(() => run('docker', ['info', '--format', '{{json .}}']), runs);
  // Exit status 1 or 3 only says what the checks found (CHECK_EXIT in src/core/host/gate.ts); the time is what counts here.
  const { CHECK_EXIT } = await import('../../dist/core/host/gate.js');
  const verdicts = new Set(Object.values(CHECK_EXIT));
  const cliCheck = await timeMs(() => run(process.execPath, [cli, 'check', '--json']).catch((err) => {
    if (!verdicts.has(err.code)) throw err;
  }), runs);
  let probeState = 'unknown';
  const inProcess = await timeMs(async () => {
    const report = await checkHost();
    probeState = report.facts.probe.state;
  }, runs);
  const noProbe = await timeMs(() => checkHost({ probe: false }), runs);
  const base = { baseline: dockerInfo };
  return [
    { metric: 'gentoo-wb check --json, wall (CLI)', value: cliCheck, unit: 'ms', ...base, ratio: cliCheck / dockerInfo, target: '< 1000 ms', note: `median of ${runs}; baseline: docker info` },
    { metric: 'host check in-process, with probe', value: inProcess, unit: 'ms', ...base, ratio: inProcess / dockerInfo, target: '< 1000 ms', note: `probe ${probeState}` },
    { metric: 'host check in-process, no probe', value: noProbe, unit: 'ms', ...base, ratio: noProbe / dockerInfo, target: '< 1000 ms' },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.table(await bench());
}
