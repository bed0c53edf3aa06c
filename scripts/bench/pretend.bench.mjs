// Pretend wall time: gentoo-wb's runPretend (labelled container, files uploaded, output streamed,
// parsed) against the same emerge by hand — `docker run --rm` with the same image, argv, environment,
// make.conf and mounts, as a person would type it (default network) — alternating runs. gentoo-wb
// runs pretend without a network (it needs none), so a second baseline adds `--network none` to the
// by-hand command: that ratio is the cost of gentoo-wb's own machinery. Runs outside vitest, so it
// builds (or finds) the real-Portage test images with the fixture's builder, loaded through Vite (TypeScript).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realPortageImages, removeBenchObjects } from './test-images.mjs';
import { connectEngine } from '../../dist/engine/docker/connect.js';
import { newRecipe } from '../../dist/core/recipe/new-recipe.js';
import { pretendCommand } from '../../dist/core/pretend/pretend-plan.js';
import { runPretend } from '../../dist/engine/pretend/run-pretend.js';
import { pretendMounts } from '../../dist/engine/pretend/pretend-mounts.js';

const RUNS = Math.max(5, Number(process.env.BENCH_PRETEND_RUNS ?? 10));
const ATOMS = ['dev-lang/php'];

/** `docker run --rm` with the argv, environment, make.conf and mounts gentoo-wb uses. */
function dockerArgs(command, mounts, confDir, extra = []) {
  const args = ['run', '--rm', '--entrypoint', '', ...extra];
  for (const from of mounts.volumesFrom) args.push('--volumes-from', from);
  for (const m of mounts.mounts) args.push('-v', `${m.kind === 'volume' ? m.name : m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  for (const f of command.files) {
    const local = path.join(confDir, f.path.replaceAll('/', '_'));
    writeFileSync(local, f.content);
    args.push('-v', `${local}:${f.path}:ro`);
  }
  for (const [k, v] of Object.entries(command.env)) args.push('-e', `${k}=${v}`);
  return [...args, command.image, ...command.argv];
}

function runDocker(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`docker ${args.slice(0, 2).join(' ')}: exit ${code}: ${out.trim().split('\n').slice(-3).join(' | ')}`))));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench() {
  if (spawnSync('docker', ['version'], { stdio: 'ignore' }).status !== 0) {
    return [{ metric: 'pretend vs docker run emerge -pv', value: NaN, unit: 'ratio', note: 'skipped: no docker CLI or engine' }];
  }
  const { docker } = await connectEngine();
  const images = await realPortageImages(docker);
  const recipe = newRecipe({ name: 'bench-pretend', base: images.base, packages: ATOMS, portageImage: images.tree });
  const command = pretendCommand(recipe);
  const mounts = await pretendMounts(docker, recipe, command, null);
  const confDir = mkdtempSync(path.join(os.tmpdir(), 'gwb-bench-pretend-'));
  const args = dockerArgs(command, mounts, confDir);
  const argsNoNet = dockerArgs(command, mounts, confDir, ['--network', 'none']);
  try {
    const times = { gwb: [], docker: [], dockerNoNet: [] };
    const byHand = async (a) => {
      const out = await runDocker(a);
      if (!/Total: \d+ packages?/.test(out)) throw new Error(`docker run printed no merge list: ${out.slice(-200)}`);
    };
    const once = {
      gwb: async () => {
        const run = await runPretend(docker, { recipe });
        if (run.verdict.kind !== 'mergeable') throw new Error(`gentoo-wb pretend did not accept the list: ${run.verdict.kind}`);
      },
      docker: () => byHand(args),
      dockerNoNet: () => byHand(argsNoNet),
    };
    // One untimed round first: image layers and the tree cache warm for both.
    await once.docker();
    await once.dockerNoNet();
    await once.gwb();
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? ['docker', 'gwb', 'dockerNoNet'] : ['dockerNoNet', 'gwb', 'docker'];
      for (const who of order) {
        const t = performance.now();
        await once[who]();
        times[who].push((performance.now() - t) / 1000);
      }
    }
    const gwb = median(times.gwb);
    const base = median(times.docker);
    const baseNoNet = median(times.dockerNoNet);
    const range = (xs) => `min ${Math.min(...xs).toFixed(2)} s, max ${Math.max(...xs).toFixed(2)} s`;
    const note = `${ATOMS.join(' ')} on the real-Portage test base, ${RUNS} alternating runs each (median); ${range(times.gwb)}`;
    return [
      { metric: 'pretend vs docker run --rm emerge -pv', value: gwb, unit: 's', baseline: base, ratio: gwb / base, target: '<= 1.2', note },
      { metric: 'pretend vs the same with --network none', value: gwb, unit: 's', baseline: baseNoNet, ratio: gwb / baseNoNet, note: 'gentoo-wb runs pretend without a network; this ratio is its own overhead (upload, labels, parsing)' },
      { metric: 'docker run --rm emerge -pv (by hand)', value: base, unit: 's', note: range(times.docker) },
      { metric: 'docker run --rm --network none emerge -pv', value: baseNoNet, unit: 's', note: range(times.dockerNoNet) },
    ];
  } finally {
    rmSync(confDir, { recursive: true, force: true });
    // The Portage snapshot container (and its volume) the pretends mounted the tree from.
    await removeBenchObjects(docker);
  }
}
