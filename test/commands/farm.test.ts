// `gentoo-wb build R1 R2 --engines a,b`, a farm, as a user runs it: refusals before any work, then for
// real on two engines (this machine's and a second dockerd in a network namespace, reached over tcp://
// with TLS): two recipes that both compile dev-libs/libfoo; the second waits for the first, runs on the
// second engine and installs libfoo as a binary fetched over HTTP from the shared binhost on the first
// (its forecast and its build record say so); the binhost the farm started is gone afterwards; Ctrl-C
// in the middle of a farm leaves nothing running on either engine.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { register } from '../../src/commands/build.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import type { BuildRecord } from '../../src/core/build/build-record.js';
import type { FarmSummary } from '../../src/core/farm/farm-summary.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { connectDocker } from '../helpers/docker-client.js';
import { cliPath, ensureBuilt } from '../helpers/cli.js';
import { testDocker } from '../helpers/docker.js';
import { sweepNamespace } from '../helpers/global-setup.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { describeSecondEngine } from '../helpers/second-engine.js';
import { runCli } from './helpers/cli.js';

const context = {} as CommandContext;
const cli = (...args: string[]) => runCli([(p) => register(p, context)], ['build', ...args]);

/** A folder of its own for each describe: recipes, XDG homes. */
function folder(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `gwb-farm-${name}-`));
  for (const d of ['state', 'config', 'data']) mkdirSync(path.join(dir, d));
  return dir;
}

function writeRecipe(dir: string, name: string, packages: string[], cflags: string, tags: string[] = []): string {
  const r = newRecipe({ name, base: realPortageImages().base, packages, tags, sizing: { jobs: 2, makeopts: '-j2' } });
  r.caches = { distfiles: false, binpkgs: true, ccache: false };
  r.makeConf.COMMON_FLAGS = cflags;
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, serializeRecipe(r));
  return file;
}

describe('farm usage', () => {
  const dir = folder('usage');
  const one = writeRecipe(dir, 'one', ['app-misc/hello'], '-O2');
  const two = writeRecipe(dir, 'two', ['app-misc/hello'], '-O2');
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, '{"name": "x"');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses what cannot make a farm with one sentence, before any engine is asked (exit 2)', async () => {
    const env = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = path.join(dir, 'config');
    try {
      for (const [args, said] of [
        [[one, two], '2 recipes are built as a farm: say on which engines with --engines a,b'],
        [[one, '--engines', 'local,nowhere'], 'a farm (--engines) builds two recipes or more'],
        [[one, two, '--engines', 'local,nowhere'], '--engines: no engine named "nowhere" ("local" is the default engine)'],
        [[one, two, '--engines', 'local,local'], '--engines names "local" twice'],
        [[one, two, '--engines', 'local,'], '--engines needs engine names separated by commas'],
        [[one, two, '--engines', 'local', '--engine', 'x'], '--engine and --engines exclude each other'],
        [[one, two, '--engines', 'local', '--tag', 'a:b'], '--tag would give every recipe of a farm the same tag'],
        [[one, one, '--engines', 'local'], `${one} is given twice`],
        [[one, broken, '--engines', 'local'], `${broken} is not a usable recipe`],
      ] as const) {
        const r = await cli(...args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(said);
        expect(r.stdout).toBe('');
      }
    } finally {
      if (env === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = env;
    }
  });
});

interface Run { code: number | null; stdout: string; stderr: string }

/** The built CLI in a process of its own (signals reach it as they reach a person's). */
function runFarm(args: string[], env: NodeJS.ProcessEnv, options: { timeoutMs?: number; interrupt?: RegExp } = {}): Promise<Run> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const maybeInterrupt = () => {
      if (!options.interrupt || sent || !options.interrupt.test(stderr)) return;
      sent = true;
      setTimeout(() => child.kill('SIGINT'), 1500);
    };
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      maybeInterrupt();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describeSecondEngine('a farm of two recipes on two engines (a second dockerd of the test\'s own)', {}, (second) => {
  const dir = folder('real');
  const namespace = `${process.env.GENTOO_WB_NAMESPACE ?? 'test'}-f${process.pid % 1000}`.slice(0, 32);
  const env = {
    XDG_STATE_HOME: path.join(dir, 'state'), XDG_CONFIG_HOME: path.join(dir, 'config'), XDG_DATA_HOME: path.join(dir, 'data'),
    GENTOO_WB_NAMESPACE: namespace, GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=0',
  };
  const cflags = `-O2 -pipe -DGWB_FARM_${process.pid}`;
  const tagOne = `gentoo-wb-test/farm-one:${process.pid}`;
  const secondDocker = () => connectDocker(second().unixHost).docker;
  /** Our containers on an engine (the namespace is this file's own). */
  const ours = async (docker: ReturnType<typeof testDocker>) => (await docker.listContainers({ all: true, filters: { label: [`org.gentoo-wb.namespace=${namespace}`] } })).map((c) => `${c.Names[0]} ${c.State}`);

  afterAll(async () => {
    await testDocker().getImage(tagOne).remove().catch(() => undefined);
    await sweepNamespace(testDocker(), namespace);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('the second recipe waits for the first, runs on the second engine and installs libfoo as a binary from the shared binhost over HTTP', async () => {
    const s = second();
    const added = await runFarm(['engines', 'add', 'second', s.tcpHost, '--tls-dir', s.clientTlsDir], env);
    expect(added.code, added.stderr).toBe(0);
    const one = writeRecipe(dir, 'farm-one', ['dev-libs/libfoo', 'app-misc/newtool'], cflags, [tagOne]);
    const two = writeRecipe(dir, 'farm-two', ['app-misc/foo-tool'], cflags, [`gentoo-wb-test/farm-two:${process.pid}`]);
    const r = await runFarm(['build', one, two, '--engines', 'local,second', '--json'], env, { timeoutMs: 600_000 });
    process.stderr.write(r.stderr);
    expect(r.code, r.stderr + r.stdout.slice(-2000)).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.at(-1) as unknown as FarmSummary & { type: string };
    expect(summary.type).toBe('farm-summary');
    expect(summary.ok).toBe(true);
    const [first, last] = summary.recipes;
    expect(first).toMatchObject({ recipe: 'farm-one', engine: 'local', status: 'succeeded', actual: { binaries: 0, compiles: 2 } });
    expect(last).toMatchObject({ recipe: 'farm-two', engine: 'second', status: 'succeeded', actual: { binaries: 1, compiles: 1 }, forecast: { binaries: 1, compiles: 1, fromBinhost: 1 }, published: 1 });
    // It waited for the first recipe to end.
    expect(last!.waitedSeconds).toBeGreaterThanOrEqual(first!.waitedSeconds + first!.seconds);
    expect(stderrLine(r.stderr, /farm-two → second after farm-one \(for dev-libs\/libfoo-[\d.]+ as binaries\)/)).toBeTruthy();
    // The base went to the second engine (an image transfer), foo-tool came back to the binhost.
    expect(summary.transfers.map((t) => `${t.kind} ${t.from}→${t.to}`)).toEqual(['image local→second', 'packages second→local']);
    expect(summary.seconds.scheduling).toBeGreaterThan(0);
    expect(summary.seconds.transfer).toBeGreaterThan(0);
    expect(summary.binhost).toMatchObject({ engine: 'local', name: expect.stringMatching(/^farm-[0-9a-f]{12}$/), startedByFarm: true, urls: { local: '', second: expect.stringMatching(new RegExp(`^http://${s.hostAddress.replace(/\./g, '\\.')}:\\d+/$`)) } });
    // Every event line says whose build it is.
    expect(lines.slice(0, -1).every((l) => (l.recipe === 'farm-one' && l.engine === 'local') || (l.recipe === 'farm-two' && l.engine === 'second'))).toBe(true);

    // The second build's record: libfoo forecast from the binhost and installed as a binary, foo-tool compiled.
    const record = JSON.parse(readFileSync(path.join(dir, 'state', 'gentoo-wb', 'builds', last!.buildId!, 'record.json'), 'utf8')) as BuildRecord;
    expect(record.state.engine).toBe('second');
    const byName = Object.fromEntries((record.forecast?.packages ?? []).map((p) => [p.cpv.replace(/-[\d.]+$/, ''), p]));
    expect(byName['dev-libs/libfoo']).toMatchObject({ forecast: { from: 'binhost' }, actual: { binary: true, ok: true } });
    expect(byName['app-misc/foo-tool']).toMatchObject({ forecast: { from: 'source' }, actual: { binary: false, ok: true } });
    // Fetched over HTTP by Portage from the URL the summary names: the build's binrepos.conf has it, and
    // Portage marks the binary `g` (from a binhost) with a download size.
    const buildDir = path.join(dir, 'state', 'gentoo-wb', 'builds', last!.buildId!);
    expect(readFileSync(path.join(buildDir, 'plan.json'), 'utf8')).toContain(`sync-uri = ${summary.binhost!.urls.second}`);
    const output = readFileSync(path.join(buildDir, 'output.log'), 'utf8');
    expect(output).toMatch(/\[binary +N g +\] dev-libs\/libfoo-1\.0-\d+/);
    expect(output).toMatch(/Size of downloads: [1-9]\d* KiB/);

    // The binhost the farm started is gone; nothing of ours runs on either engine.
    expect((await ours(testDocker())).filter((c) => !c.endsWith('exited'))).toEqual([]);
    expect((await ours(secondDocker())).filter((c) => !c.endsWith('exited'))).toEqual([]);
    expect(await ours(testDocker())).toEqual([]);
  }, 700_000);

  it('Ctrl-C in the middle of a farm cancels both builds and stops the binhost: exit 130, nothing left running on either engine', async () => {
    const one = writeRecipe(dir, 'int-one', ['app-misc/hello'], `${cflags} -DINT`);
    const two = writeRecipe(dir, 'int-two', ['app-misc/oldtool'], `${cflags} -DINT`);
    const slow = { ...env, GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=60' };
    const r = await runFarm(['build', one, two, '--engines', 'local,second'], slow, { timeoutMs: 300_000, interrupt: /int-two: build \S+ started on second/ });
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('interrupted: cancelling every build of the farm');
    expect(r.stdout).toMatch(/^int-one +local +\S+ +cancelled/m);
    expect(r.stdout).toMatch(/^int-two +second +\S+ +cancelled/m);
    expect(r.stdout).toMatch(/shared binhost farm-[0-9a-f]{12} on local .*stopped again/);
    expect(await ours(testDocker())).toEqual([]);
    expect(await ours(secondDocker())).toEqual([]);
  }, 400_000);
});

function stderrLine(text: string, re: RegExp): string | undefined {
  return text.split('\n').find((l) => re.test(l));
}
