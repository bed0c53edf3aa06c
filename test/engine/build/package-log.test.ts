// Following a package's build.log inside a running container: from before the file exists, through
// growth (with \r progress and colour escapes kept), to the build folder vanishing; aborting leaves
// no process behind; the archive strategy does the same by polling.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../../src/core/labels.js';
import { followPackageLog, lastPhaseLines, type PackageLogEnd, type PackageLogStatus } from '../../../src/engine/build/package-log.js';
import { startBuild } from '../../../src/engine/build/runner.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { compileSeconds, realPortageImages } from '../../helpers/real-portage.js';
import { createContainer, execCapture, removeContainer, removeImage, startContainer } from '../../../src/engine/docker/index.js';
import { describeEngines } from '../../helpers/podman.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { importBusybox, uniqueRef } from '../docker/helpers/busybox.js';

describe('the package log path', () => {
  it('refuses what is not a cpv (no path tricks) before asking the engine anything', async () => {
    const nothing = {} as Dockerode;
    const signal = new AbortController().signal;
    await expect(followPackageLog(nothing, 'c0ffee', '../../etc/passwd', { onData: () => undefined, signal })).rejects.toThrow(/not a category\/package-version/);
    await expect(followPackageLog(nothing, 'c0ffee', 'dev-lang/php', { onData: () => undefined, signal })).rejects.toThrow(/not a category\/package-version/);
  });
});

const BUILD = `package-log-test-${randomBytes(4).toString('hex')}`;
const labels = gentooWbLabels({ version: '0.0.0-test', role: 'builder', buildId: BUILD });
const CPV = 'app-misc/hello-2.12.1';
const DIR = '/var/tmp/portage/app-misc/hello-2.12.1';

describeEngines('followPackageLog (busybox container)', (engine) => {
  let image = '';
  let container = '';
  const docker = () => engine().docker;

  beforeAll(async () => {
    image = uniqueRef('busybox-packagelog');
    await importBusybox(docker(), image);
    container = await createContainer(docker(), { image, labels, cmd: ['/bin/sleep', '600'], network: 'none' });
    await startContainer(docker(), container);
  });

  afterAll(async () => {
    if (container) await removeContainer(docker(), container, { force: true }).catch(() => undefined);
    if (image) await removeImage(docker(), image, { force: true }).catch(() => undefined);
  });

  /** Run a fixed script in the container with arguments (never pasted into the script). */
  const sh = async (script: string, ...args: string[]) => {
    const r = await execCapture(docker(), container, { argv: ['sh', '-c', script, 'sh', ...args] });
    expect(r.exitCode, r.stderr.toString()).toBe(0);
    return r.stdout.toString();
  };
  const append = (dir: string, text: string) => sh('mkdir -p "$1/temp" && printf "%s" "$2" >> "$1/temp/build.log"', dir, text);

  async function until(check: () => boolean, ms = 8000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  for (const strategy of ['exec', 'archive'] as const) {
    it(`${strategy}: waits for the file, streams it as it grows, and ends "gone" when Portage removes the folder`, async () => {
      await sh('rm -rf "$1"', DIR);
      let data = '';
      const statuses: PackageLogStatus[] = [];
      const controller = new AbortController();
      const done = followPackageLog(docker(), container, CPV, { onData: (t) => (data += t), onStatus: (s) => statuses.push(s), signal: controller.signal, strategy, pollMs: 200 });
      // A failed expectation must not leave the follow running into the next test.
      onTestFinished(() => controller.abort());
      await new Promise((r) => setTimeout(r, 700));
      expect(statuses).toEqual(['waiting']);
      await append(DIR, '\x1b[32m * \x1b[39;49;00mPackage:    app-misc/hello-2.12.1:0\n>>> Compiling source in /var/tmp/portage/app-misc/hello-2.12.1/work/hello-2.12.1 ...\n');
      await until(() => data.includes('>>> Compiling source'));
      expect(statuses).toEqual(['waiting', 'following']);
      await append(DIR, 'progress 10%\rprogress 100%\nx86_64-pc-linux-gnu-gcc -O2 -pipe -c -o hello.o hello.c\n');
      await until(() => data.includes('hello.o hello.c\n'));
      expect(data).toBe(
        '\x1b[32m * \x1b[39;49;00mPackage:    app-misc/hello-2.12.1:0\n>>> Compiling source in /var/tmp/portage/app-misc/hello-2.12.1/work/hello-2.12.1 ...\n' +
          'progress 10%\rprogress 100%\nx86_64-pc-linux-gnu-gcc -O2 -pipe -c -o hello.o hello.c\n',
      );
      // Portage writes its last lines and removes the folder at once: they still come through.
      await sh('printf "%s\\n" ">>> dev-libs/hello merged." >> "$1/temp/build.log" && rm -rf "$1"', DIR);
      const end = await done;
      expect(end).toEqual({ kind: 'gone' });
      if (strategy === 'exec') expect(data.endsWith('>>> dev-libs/hello merged.\n')).toBe(true);
    });
  }

  it('abort stops following at once and leaves no tail or cat running in the container', async () => {
    await append(DIR, 'line one\n');
    let data = '';
    const controller = new AbortController();
    const done = followPackageLog(docker(), container, CPV, { onData: (t) => (data += t), signal: controller.signal });
    onTestFinished(() => controller.abort());
    await until(() => data.includes('line one'));
    expect(await sh('ps')).toContain('tail -n +1 -f');
    controller.abort();
    expect(await done).toEqual({ kind: 'aborted' });
    // What the follow started in the container: tail, the monitor loop, cat reading our stdin.
    const ours = (ps: string) => ps.split('\n').filter((l) => /tail -n \+1 -f|\bcat\b|gentoo-wb-log/.test(l));
    let left: string[] = [];
    for (const deadline = Date.now() + 6000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      left = ours(await sh('ps'));
      if (left.length === 0) break;
    }
    expect(left).toEqual([]);
    await sh('rm -rf "$1"', DIR);
  });

  it('follows Portage\'s build.log under another PORTAGE_TMPDIR, the path an argument of a fixed script, never inside it', async () => {
    // A folder name that would run a command if the path were pasted into the script.
    const tmpdir = "/tmp/t'; touch /tmp/pwned; '";
    const dir = `${tmpdir}/app-misc/hello-2.12.1-r1`;
    await append(dir, '>>> Compiling source in /w ...\n');
    let data = '';
    const controller = new AbortController();
    const done = followPackageLog(docker(), container, 'app-misc/hello-2.12.1-r1', { onData: (t) => (data += t), signal: controller.signal, tmpdir });
    onTestFinished(() => controller.abort());
    await until(() => data.includes('>>> Compiling source'));
    controller.abort();
    expect(await done).toEqual({ kind: 'aborted' });
    expect(await sh('[ -e /tmp/pwned ] && echo ran || echo not run')).toBe('not run\n');
    await sh('rm -rf "$1"', tmpdir);
  });

  it('reads the last phase line of several packages\' build.log in one exec', async () => {
    await append('/var/tmp/portage/dev-libs/expat-2.6.4', '>>> Unpacking source...\n>>> Source unpacked in /x\n>>> Compiling source in /var/tmp/portage/dev-libs/expat-2.6.4/work/expat-2.6.4 ...\nmake -j4\ngcc -c a.c\n');
    await append('/var/tmp/portage/dev-db/sqlite-3.47.2', '\x1b[32m * \x1b[39;49;00mPackage:    dev-db/sqlite-3.47.2:3\n>>> Configuring source in /w ...\nchecking for gcc... yes\n');
    const lines = await lastPhaseLines(docker(), container, ['dev-libs/expat-2.6.4', 'dev-db/sqlite-3.47.2', 'app-misc/nothing-1.0']);
    expect([...lines]).toEqual([
      ['dev-libs/expat-2.6.4', '>>> Compiling source in /var/tmp/portage/dev-libs/expat-2.6.4/work/expat-2.6.4 ...'],
      ['dev-db/sqlite-3.47.2', '>>> Configuring source in /w ...'],
    ]);
    expect(await lastPhaseLines(docker(), container, [])).toEqual(new Map());
  });

  it('ends "ended" when the container stops while following', async () => {
    await append(DIR, 'still compiling\n');
    let data = '';
    const done = followPackageLog(docker(), container, CPV, { onData: (t) => (data += t), signal: new AbortController().signal });
    await until(() => data.includes('still compiling'));
    await docker().getContainer(container).stop({ t: 1 });
    expect(await done).toEqual({ kind: 'ended' });
    // And a follow on a stopped container ends at once.
    expect(await followPackageLog(docker(), container, CPV, { onData: () => undefined, signal: new AbortController().signal })).toEqual({ kind: 'ended' });
  });
});

// The runner is exercised on Docker (as in its own suite).
describeDocker('followPackageLog during a real Portage build', () => {
  const engine = () => ({ docker: testDocker() });
  const env = { ...process.env, XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'gwb-package-log-state-')) };
  const tag = `gentoo-wb-test/package-log:t${process.pid}`;
  afterAll(async () => {
    await removeImage(engine().docker, tag, { force: true }).catch(() => undefined);
    rmSync(env.XDG_STATE_HOME, { recursive: true, force: true });
  });

  it('follows hello\'s build.log from its first line while it compiles, until the folder or the container goes', async () => {
    const base = newRecipe({ name: 'package-log', base: realPortageImages().base, packages: ['app-misc/hello'], tags: [tag], sizing: { jobs: 3, makeopts: '-j2' } });
    // Built from source (no binary package from another test), its src_compile lasting 3 seconds.
    const recipe = { ...base, caches: { distfiles: false, binpkgs: false, ccache: false } };
    const CPV = 'app-misc/hello-2.12.1';
    let follow: Promise<PackageLogEnd> | null = null;
    let data = '';
    const chunks: string[] = [];
    const phases: string[] = [];
    const controller = new AbortController();
    onTestFinished(() => controller.abort());
    const session = startBuild({
      docker: engine().docker, recipe, env, containerEnv: compileSeconds(3),
      onEvents: (events) => {
        for (const e of events) {
          if (e.type === 'started' && e.cpv === CPV && !follow) {
            follow = followPackageLog(engine().docker, session.containerId()!, e.cpv, { onData: (t) => { data += t; chunks.push(t); }, onStatus: (s) => phases.push(s), signal: controller.signal });
          }
        }
      },
    });
    const outcome = await session.outcome;
    expect(outcome.kind).toBe('succeeded');
    expect(follow).not.toBeNull();
    // "gone" when the monitor saw the folder go first, "ended" when the build container stopped
    // first (hello is the last package here).
    const end = await follow!;
    expect(['gone', 'ended']).toContain(end.kind);
    expect(phases[0]).toBe('waiting');
    expect(phases).toContain('following');
    // Portage's own log: the header with its colour escapes, each phase, the merge.
    expect(data).toMatch(/^\x1b\[32m \* \x1b\[39;49;00mPackage: {4}app-misc\/hello-2\.12\.1:0\n/);
    expect(data).toMatch(/^>>> Compiling source in \/var\/tmp\/portage\/app-misc\/hello-2\.12\.1\/work\/hello-2\.12\.1 \.\.\.$/m);
    expect(data).toContain('>>> Completed installing app-misc/hello-2.12.1 into /var/tmp/portage/app-misc/hello-2.12.1/image\n');
    if (end.kind === 'gone') expect(data.endsWith('>>> app-misc/hello-2.12.1 merged.\n')).toBe(true);
    // Followed while it compiled: the compile's start and end came in different pieces, as written.
    const compiling = chunks.findIndex((c) => c.includes('>>> Compiling source in'));
    const compiled = chunks.findIndex((c) => c.includes('>>> Source compiled.'));
    expect(compiling).toBeGreaterThanOrEqual(0);
    expect(compiled).toBeGreaterThan(compiling);
  }, 180_000);
});
