// `gentoo-wb build`, `builds` and `attach` as a script would run them: exit codes, --json and --plain
// output, --plan, and no leftovers afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BuildEvent } from '../../src/core/events.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { findLeftovers, imageExists, inspectImage } from '../../src/engine/docker/index.js';
import { cliPath, ensureBuilt, runCli } from '../helpers/cli.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { removeTestImages } from '../helpers/test-images.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-build-cli-'));
const env = { XDG_STATE_HOME: path.join(dir, 'state'), GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=0' };
const tags: string[] = [];

function recipeFile(name: string, packages: string[], caches?: Recipe['caches'], cflags?: string): { file: string; tag: string } {
  const tag = `gentoo-wb-test/cli-${name}:${process.pid}`;
  tags.push(tag);
  const r = newRecipe({ name, base: realPortageImages().base, packages, tags: [tag], sizing: { jobs: 2, makeopts: '-j2' } });
  if (caches) r.caches = caches;
  if (cflags) r.makeConf.CFLAGS = cflags;
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, serializeRecipe(r));
  return { file, tag };
}

describeDocker('gentoo-wb build / builds / attach (real engine, real Portage)', () => {
  afterAll(async () => {
    await removeTestImages(tags);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json prints one BuildEvent per line, the image, and a last result; exit 0', async () => {
    const { file, tag } = recipeFile('json', ['app-misc/hello']);
    const r = await runCli(['build', file, '--json'], { env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as BuildEvent);
    expect(events.some((e) => e.type === 'started' && e.cpv === 'app-misc/hello-2.12.1')).toBe(true);
    expect(events.find((e) => e.type === 'image')).toMatchObject({ tags: [tag] });
    // The build's last event is its result; only the forecast set against the actual durations follows it.
    const end = events.findIndex((e) => e.type === 'result');
    expect(events[end]).toEqual(expect.objectContaining({ type: 'result', ok: true, failed: [] }));
    expect(events.slice(end + 1).map((e) => e.type as string).filter((t) => t !== 'forecast-summary')).toEqual([]);
    expect(await imageExists(testDocker(), tag)).toBe(true);
  }, 150_000);

  it('keeps the build environment (a proxy password) out of the image; values with a trailing backslash stay values', async () => {
    const { file, tag } = recipeFile('secret-env', ['app-misc/hello']);
    const r0 = newRecipe({ name: 'secret-env', base: realPortageImages().base, packages: ['app-misc/hello'], tags: [tag], sizing: { jobs: 2, makeopts: '-j2' } });
    r0.image.env = { GREETING: 'hi' };
    r0.image.user = 'root\\';
    r0.image.workdir = '/app\\';
    writeFileSync(file, serializeRecipe(r0));
    const secretEnv = { ...env, GENTOO_WB_BUILD_ENV: `${env.GENTOO_WB_BUILD_ENV} http_proxy=http://user:s3cret@127.0.0.1:3128` };
    const r = await runCli(['build', file, '--json'], { env: secretEnv, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const image = await inspectImage(testDocker(), tag);
    const base = await inspectImage(testDocker(), realPortageImages().base);
    expect(JSON.stringify(image.config)).not.toContain('s3cret');
    expect(image.config.Env?.some((e) => e.startsWith('http_proxy=') || e.startsWith('GWB_TEST_COMPILE_SECONDS='))).toBe(false);
    expect([...(image.config.Env ?? [])].sort()).toEqual([...(base.config.Env ?? []), 'GREETING=hi'].sort());
    expect(image.config.User).toBe('root\\');
    expect(image.config.WorkingDir).toBe('/app\\');
    expect(image.labels['org.gentoo-wb.role']).toBe('result');
  }, 150_000);

  it('--plain names the failed package, its log and exits 1 with no tag', async () => {
    const { file, tag } = recipeFile('plain-fail', ['dev-util/brokentool']);
    const r = await runCli(['build', file, '--plain'], { env, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d FAILED {3}dev-util\/brokentool-0\.9 \(compile phase\) {2}log: \/var\/tmp\/portage\/dev-util\/brokentool-0\.9\/temp\/build\.log$/m);
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d log {6}dev-util\/brokentool-0\.9: last \d+ lines of /m);
    expect(r.stdout).toMatch(/result {3}failed: dev-util\/brokentool-0\.9$/m);
    expect(r.stderr).toContain('build failed: 1 package(s) failed: dev-util/brokentool-0.9');
    expect(await imageExists(testDocker(), tag)).toBe(false);
  }, 150_000);

  it('--plan prints what would run without creating anything', async () => {
    // CFLAGS of its own: a binary package cache key no other test uses, so its volume must not exist after.
    const { file } = recipeFile('plan', ['app-misc/hello'], undefined, `-O2 -pipe -DGWB_PLAN_${process.pid}`);
    const r = await runCli(['build', file, '--plan'], { env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Build plan \(commit mode\)/);
    expect(r.stdout).toMatch(/emerge --verbose --jobs=2 --keep-going --usepkg --buildpkg --binpkg-respect-use=y --color=n app-misc\/hello/);
    expect(r.stdout).toContain('Commit the container as the image');
    // The build's own preparation: the run's namespace names the caches, and none is created for a plan.
    expect(r.stdout).toContain(`volume gentoo-wb-${process.env.GENTOO_WB_NAMESPACE}-distfiles → /var/cache/distfiles`);
    const binpkgs = new RegExp(`volume (gentoo-wb-${process.env.GENTOO_WB_NAMESPACE}-binpkgs-[0-9a-f]{12}) `).exec(r.stdout)?.[1];
    expect(binpkgs, r.stdout).toBeDefined();
    const volumes = (await testDocker().listVolumes()).Volumes ?? [];
    expect(volumes.map((v) => v.Name)).not.toContain(binpkgs);
  });

  it('exits 2 on an invalid recipe with field-level messages', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version: 1, name: 'bad', base: { image: 'x' }, packages: ['not an atom'] }));
    const r = await runCli(['build', file, '--plain'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/packages\[0\]: "not an atom" is not a valid atom/);
  });

  it('a dropped session (SIGHUP) detaches; attach --plain follows the build to its end with each package\'s own start time', async () => {
    // Built from source, each compile lasting 3 seconds: libfoo, then foo-tool.
    const { file, tag } = recipeFile('detach', ['app-misc/foo-tool'], { distfiles: true, binpkgs: false, ccache: false });
    ensureBuilt();
    const child = spawn(process.execPath, [cliPath, 'build', file, '--json'], {
      env: { ...process.env, FORCE_COLOR: '0', ...env, GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/"type":"started"/.test(stdout)) child.kill('SIGHUP');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    const id = /detached: the build goes on; follow it with gentoo-wb attach (\S+)/.exec(stderr)?.[1];
    expect(id, stderr).toBeTruthy();
    const started = stdout.trim().split('\n').map((l) => JSON.parse(l) as BuildEvent).find((e) => e.type === 'started')!;
    expect(started).toMatchObject({ cpv: 'dev-libs/libfoo-1.0' });

    const r = await runCli(['attach', id!, '--plain'], { env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    // The replayed start keeps its own time (the engine's), not the time of the attach.
    const clock = new Date(started.t!).toISOString().slice(11, 19);
    expect(r.stdout).toMatch(new RegExp(`^${clock} start {4}\\(1 of 2\\) dev-libs/libfoo-1\\.0$`, 'm'));
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d start {4}\(2 of 2\) app-misc\/foo-tool-1\.0$/m);
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d image {4}[0-9a-f]{12} tagged /m);
    expect(r.stdout).toMatch(/result {3}success$/m);
    expect(await imageExists(testDocker(), tag)).toBe(true);
  }, 150_000);

  it('builds lists them, and afterwards clean --dry-run finds no build leftovers', async () => {
    const r = await runCli(['builds', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const builds = JSON.parse(r.stdout) as { id: string; recipe: string; status: string; container: string }[];
    expect(builds.map((b) => [b.recipe, b.status, b.container])).toEqual(
      expect.arrayContaining([['json', 'succeeded', 'gone'], ['plain-fail', 'failed', 'gone'], ['detach', 'succeeded', 'gone']]),
    );
    const ids = new Set(builds.map((b) => b.id));
    const leftovers = await findLeftovers(testDocker());
    expect(leftovers.remove.filter((o) => o.buildId !== null && ids.has(o.buildId))).toEqual([]);
  });
});
