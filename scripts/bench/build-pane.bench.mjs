// P3, the live build pane: 50 MB of emerge output (real transcript lines, repeated, wrapped the way
// the build container prints them: step markers and engine timestamps) through the run-output
// parser, the BuildController (progress reducer at <= 10 Hz, LineRing) and the Build screen drawn in
// a fake 80x24 TTY (the screen alone, in the 80x21 the shell gives it), fed in 64 KiB chunks with the event loop free between chunks (as from a socket).
//   - throughput in MB/s; baseline: the same bytes through a plain line split, in the same process
//     just before (two child processes, so the runs alternate);
//   - peak RSS of that child (process.resourceUsage().maxRSS): the chunks are made on the fly, so
//     what stays in memory is the pane's (ring, xterm scrollback, React/Ink);
//   - CPU while idle: the pane open on a finished build, process.cpuUsage() over 5 s.
// Needs `npm run build` (it loads dist/).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FakeStdin, FakeStdout } from './fake-tty.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const PORTAGE = path.resolve(here, '../../../shared/portage');
const TARGET_BYTES = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;
const IDLE_MS = 5000;

const rig = (name) => readFileSync(path.join(PORTAGE, 'rig', `${name}.txt`), 'utf8');

/** One repetition: real build transcripts (parallel and serial, a failure, a package's build.log), timestamped. */
function unitText() {
  const body = [
    rig('20-build-jobs3-php-git'), rig('21-build-jobs3-failure'), rig('22-build-serial-default'), rig('50-pty-build-jobs3'),
    rig('20-build-jobs3-php-git.php-build.log.final'),
  ].join('\n').split('\n');
  const stamp = '2026-11-23T05:00:00.123456789Z ';
  return `${body.map((l) => stamp + l).join('\n')}\n`;
}

/** 64 KiB chunks of `total` bytes made from `unit` on the fly (never all 50 MB at once). */
function* chunks(unit, total) {
  const buf = Buffer.from(unit);
  const decoder = new StringDecoder('utf8');
  let made = 0;
  let at = 0;
  while (made < total) {
    const end = Math.min(buf.length, at + CHUNK);
    const piece = buf.subarray(at, end);
    made += piece.length;
    at = end === buf.length ? 0 : end;
    yield decoder.write(piece);
  }
}

const load = (p) => import(pathToFileURL(path.join(dist, p)).href);

/** The Build screen in the real shell on a fake TTY, a controller whose session the caller feeds. */
async function openPane() {
  // Ink reads CI when it is first imported and would then draw only the last frame.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const React = (await import('react')).default;
  const { render } = await import('ink');
  const { KeyRouterProvider } = await load('ui/keys/key-router.js');
  const { WizardContext } = await load('ui/app/wizard-context.js');
  const { ContentSizeProvider } = await load('ui/layout/content-size.js');
  const { BuildScreen } = await load('ui/screens/build/build-screen.js');
  const { BuildEffectsProvider } = await load('ui/screens/build/build-effects.js');
  const { BuildController } = await load('ui/session/build-controller.js');
  const { WorkbenchProvider } = await load('ui/session/workbench-context.js');
  const { createWorkbenchStore } = await load('ui/session/workbench-store.js');
  const { LookProvider } = await load('ui/theme/theme-context.js');
  const { loadTheme } = await load('engine/theme-files.js');
  const { chooseGlyphs } = await load('core/glyphs.js');
  const { newRecipe } = await load('core/recipe/new-recipe.js');
  const { buildHistory } = await load('core/portage/eta/eta.js');

  // A real client object, as the live TUI holds one (dockerode loaded; it never connects here).
  const { dockerFor, resolveBasicEndpoint } = await load('engine/docker/client.js');
  const endpoint = resolveBasicEndpoint('unix:///bench.sock', {});
  const connection = { docker: dockerFor(endpoint), endpoint, info: {} };
  const store = createWorkbenchStore({ engine: { status: 'ready', connection } });
  store.setRecipe(newRecipe({ name: 'bench', base: 'gentoo/stage3:amd64-openrc', packages: ['dev-lang/php', 'dev-vcs/git'], sizing: { jobs: 3, makeopts: '-j4' } }), { path: '/bench/recipe.json', saved: true });
  let onEvents = () => {};
  let settle = () => {};
  const files = { dir: '/nonexistent/bench', state: '/nonexistent/bench/state.json', recipe: '', plan: '', output: '/nonexistent/bench/output.log', record: '', logs: '/nonexistent/bench/logs' };
  const services = {
    connect: async () => connection,
    builds: {
      start: async (_c, input) => {
        onEvents = input.onEvents;
        const outcome = new Promise((r) => (settle = r));
        return { id: 'bench-build', files, outcome, containerId: () => null, detach: () => settle({ kind: 'detached' }), cancel: async () => settle({ kind: 'cancelled' }) };
      },
      attach: async () => { throw new Error('no attach in the bench'); },
      attachable: async () => [],
    },
  };
  const workbench = { store, services, builds: new BuildController(store, services) };
  const effects = {
    loadHistory: async () => buildHistory([]),
    followPackageLog: async () => ({ kind: 'ended' }),
    lastPhaseLines: async () => new Map(),
    readState: async () => null,
    copy: () => ({ ok: false, reason: 'bench' }),
    pager: () => ({ ok: false, argv: [], reason: 'bench' }),
  };
  const look = { theme: loadTheme('default').theme, glyphs: chooseGlyphs({ LANG: 'C.UTF-8' }), mono: false, animate: true };
  const stdout = new FakeStdout();
  const h = React.createElement;
  // The pane itself (the Build screen in the 80x21 the shell gives a screen at 80x24), with the key
  // router and a shell stub: the other steps' screens are not loaded.
  const wizard = { current: 'build', goTo: () => {}, notify: () => {}, setQuitGuard: () => {}, quit: () => {} };
  const pane = h(KeyRouterProvider, {}, h(WizardContext.Provider, { value: wizard }, h(ContentSizeProvider, { size: { width: 80, height: 21 } }, h(BuildScreen))));
  const instance = render(
    h(LookProvider, { look }, h(WorkbenchProvider, { value: workbench }, h(BuildEffectsProvider, { value: effects }, pane))),
    { stdout, stdin: new FakeStdin(), stderr: stdout, exitOnCtrlC: false, patchConsole: false },
  );
  await workbench.builds.start(connection);
  const { createRunOutputParser } = await load('core/build/run-output.js');
  const parser = createRunOutputParser([{ id: 'emerge', title: 'emerge dev-lang/php dev-vcs/git', output: 'emerge' }]);
  return { instance, stdout, store, workbench, feed: (text) => onEvents(parser.push(text)), end: () => onEvents(parser.end()), finish: (o) => settle(o) };
}

const tick = () => new Promise((r) => setImmediate(r));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Split chunks into lines (the baseline), carrying the partial last line. */
function splitOnly(unit) {
  let pending = '';
  let n = 0;
  for (const c of chunks(unit, TARGET_BYTES)) {
    const parts = (pending + c).split('\n');
    pending = parts.pop();
    n += parts.length;
  }
  return n;
}

async function childThroughput() {
  const unit = unitText();
  const pane = await openPane();
  const rssOpen = process.resourceUsage().maxRSS / 1024;
  const start = performance.now();
  pane.feed('2026-11-23T05:00:00Z @@gentoo-wb step-start 01-emerge\n');
  for (const c of chunks(unit, TARGET_BYTES)) {
    pane.feed(c);
    // The socket's next chunk comes in a later turn of the event loop: timers (the 10 Hz flush,
    // the log view's batches) and Ink's frames run in between, as they would live.
    await tick();
  }
  pane.feed('2026-11-23T05:00:00Z @@gentoo-wb step-end 01-emerge 0\n');
  pane.end();
  pane.workbench.builds.flush();
  // Let the last flush be drawn.
  await sleep(250);
  const ms = performance.now() - start - 250;
  // Peak RSS of the pane's run, before the baseline below adds its own garbage.
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const state = pane.store.getState();
  const result = {
    mb: TARGET_BYTES / (1024 * 1024),
    ms,
    rssOpenMb: rssOpen,
    maxRssMb,
    ringSize: pane.workbench.builds.log.size,
    ringTotal: pane.workbench.builds.log.total,
    packages: state.build?.progress.packages.length ?? 0,
    frames: pane.stdout.frames,
  };
  pane.instance.unmount();
  const t0 = performance.now();
  result.lines = splitOnly(unit);
  result.baseMs = performance.now() - t0;
  return result;
}

async function childIdle() {
  const pane = await openPane();
  pane.feed(`2026-11-23T05:00:00Z @@gentoo-wb step-start 01-emerge\n`);
  pane.feed(unitText());
  pane.feed('2026-11-23T05:00:00Z @@gentoo-wb step-end 01-emerge 0\n2026-11-23T05:00:00Z @@gentoo-wb done\n');
  pane.end();
  pane.finish({ kind: 'succeeded', image: { id: 'sha256:0123456789abcdef', tags: ['bench:latest'] } });
  await sleep(1500);
  const framesBefore = pane.stdout.frames;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(IDLE_MS);
  const used = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const result = { cpuPercent: ((used.user + used.system) / 1000 / wall) * 100, frames: pane.stdout.frames - framesBefore, outcome: pane.store.getState().build?.outcome };
  pane.instance.unmount();
  return result;
}

function runChild(mode) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', mode], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`bench child ${mode} exited ${code}: ${err.trim().split('\n').slice(-3).join(' / ')}`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function buildPaneBench() {
  const runs = [await runChild('throughput'), await runChild('throughput')];
  const idle = await runChild('idle');
  const mbps = median(runs.map((r) => r.mb / (r.ms / 1000)));
  const baseMbps = median(runs.map((r) => r.mb / (r.baseMs / 1000)));
  const rss = Math.max(...runs.map((r) => r.maxRssMb));
  const r0 = runs[0];
  return [
    {
      metric: 'build pane: 50 MB emerge output → parser, reducer, ring, pane (80x24)', value: mbps, unit: 'MB/s', baseline: baseMbps, ratio: baseMbps / mbps, target: '>= 20 MB/s',
      note: `median of 2 child runs; baseline: plain line split of the same chunks (after the pane run, same process); ${r0.lines} lines, ring ${r0.ringSize}/${r0.ringTotal}, ${r0.packages} packages, ${r0.frames} writes to the TTY`,
    },
    { metric: 'build pane: peak RSS of that process', value: rss, unit: 'MB', baseline: Math.max(...runs.map((r) => r.rssOpenMb)), ratio: rss / Math.max(...runs.map((r) => r.rssOpenMb)), target: '< 150 MB', note: 'process.resourceUsage().maxRSS, max of the 2 runs; baseline: the same process with the pane open, before any output' },
    { metric: 'build pane: CPU while idle (finished build on screen)', value: idle.cpuPercent, unit: '%', target: '< 1 %', note: `process.cpuUsage() over ${IDLE_MS / 1000} s; ${idle.frames} frames drawn meanwhile; outcome ${idle.outcome}` },
  ];
}

if (process.argv[2] === '--child') {
  const mode = process.argv[3];
  const result = mode === 'idle' ? await childIdle() : await childThroughput();
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}
