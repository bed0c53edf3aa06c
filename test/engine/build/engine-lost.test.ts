// The engine going away mid-build (dockerd restarting, a socket that drops) is simulated with a
// unix-socket proxy to the real engine that the test closes: the runner reports the loss, keeps the
// state, and a later attach through the real socket finishes the build.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, expect, it } from 'vitest';
import type { BuildState } from '../../../src/core/build/build-record.js';
import type { BuildEvent } from '../../../src/core/events.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { attachBuild, startBuild } from '../../../src/engine/build/runner.js';
import { imageExists } from '../../../src/engine/docker/index.js';
import { describeDocker, dockerStatus, testDocker } from '../../helpers/docker.js';
import { compileSeconds, realPortageImages } from '../../helpers/real-portage.js';
import { removeTestImages } from '../../helpers/test-images.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-lost-'));
const env = { ...process.env, XDG_STATE_HOME: path.join(dir, 'state') };
const tag = `gentoo-wb-test/lost:${process.pid}`;

/** A proxy from `socketPath` to the engine's socket; `cut()` drops every connection and stops listening. */
async function proxy(socketPath: string, target: string): Promise<{ cut: () => Promise<void> }> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    open.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describeDocker('build runner when the engine goes away', () => {
  afterAll(async () => {
    await removeTestImages([tag]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the loss and keeps the state; attach finishes the build once the engine answers', async () => {
    const target = dockerStatus.host.replace(/^unix:\/\//, '');
    const socketPath = path.join(dir, 'engine.sock');
    const link = await proxy(socketPath, target);
    const viaProxy = new Dockerode({ socketPath });
    // hello compiles for 3 seconds: the engine goes away while it builds.
    const recipe = newRecipe({ name: 'lost', base: realPortageImages().base, packages: ['app-misc/hello'], tags: [tag], sizing: { jobs: 2, makeopts: '-j2' } });
    recipe.caches = { distfiles: false, binpkgs: false, ccache: false };
    const events: BuildEvent[] = [];
    let cut = false;
    const session = startBuild({
      docker: viaProxy,
      recipe,
      env,
      sandbox: { unshare: false },
      containerEnv: compileSeconds(3),
      onEvents: (e) => {
        events.push(...e);
        if (!cut && e.some((x) => x.type === 'started')) {
          cut = true;
          void link.cut();
        }
      },
    });
    const outcome = await session.outcome;
    expect(outcome.kind).toBe('lost');
    const lost = events.find((e) => e.type === 'lost');
    expect(lost && lost.type === 'lost' && lost.message).toMatch(/lost the engine in the middle of build .*nothing was committed or tagged.*output so far is in .*gentoo-wb attach /);
    const state = JSON.parse(readFileSync(session.files.state, 'utf8')) as BuildState;
    expect(state.status).toBe('lost');
    expect(state.containerId).toBeTruthy();

    // The engine is back (the real socket): attach replays the build and finishes it.
    const replayed: BuildEvent[] = [];
    const again = await attachBuild(session.id, { docker: testDocker(), env, onEvents: (e) => replayed.push(...e) });
    const end = await again.outcome;
    expect(end.kind).toBe('succeeded');
    // hello keeps the start it had before the engine went away.
    const before = events.find((e) => e.type === 'started');
    expect(replayed.find((e) => e.type === 'started')).toEqual(before);
    expect(replayed.some((e) => e.type === 'completed' && e.cpv === 'app-misc/hello-2.12.1')).toBe(true);
    expect(await imageExists(testDocker(), tag)).toBe(true);
    expect((JSON.parse(readFileSync(session.files.state, 'utf8')) as BuildState).status).toBe('succeeded');
  }, 150_000);
});
