// `builds` over every engine, without an engine that answers: each build is listed under the engine its
// state names, engines that do not answer (no socket, not configured any more) are said with why, and
// their unfinished builds are "unknown" rather than "running" — quickly, not after a long wait. The lost
// engine's message is checked for what it promises (real engines: test/reliability/engine-killed.test.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildState } from '../../../src/core/build/build-record.js';
import type { BuildPlan } from '../../../src/core/plan/plan-types.js';
import { EngineError } from '../../../src/engine/docker/errors.js';
import { engineOfBuild, listBuildsEverywhere } from '../../../src/engine/engines/engine-builds.js';
import { engineLostMessage } from '../../../src/engine/engines/engine-lost.js';
import { checkEngineName } from '../../../src/engine/engines/engine-spec.js';
import { openSettings } from '../../../src/engine/settings/settings-store.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-engine-builds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env: NodeJS.ProcessEnv = { ...process.env, XDG_STATE_HOME: path.join(root, 'state'), XDG_CONFIG_HOME: path.join(root, 'config'), GENTOO_WB_NAMESPACE: 'gwb-engine-builds' };

function writeState(id: string, status: BuildState['status'], engine: string | undefined, minutesAgo: number): void {
  const dir = path.join(root, 'state', 'gentoo-wb', 'builds', id);
  mkdirSync(dir, { recursive: true });
  const state: BuildState = {
    id, recipeName: `r-${id.slice(-2)}`, recipeHash: 'h', recipePath: null, mode: 'commit', baseImage: 'b', tags: [], containerId: 'c'.repeat(64), status,
    createdAt: Date.now() - minutesAgo * 60_000, endedAt: null, finishDone: [], image: null, failed: [], exitCode: null, message: null, ...(engine === undefined ? {} : { engine }),
  };
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state));
}

writeState('20260101-000100-aaaa01', 'running', 'far', 3);
writeState('20260101-000200-aaaa02', 'succeeded', 'far', 2);
writeState('20260101-000300-aaaa03', 'running', 'removed', 1);
writeState('20260101-000400-aaaa04', 'lost', undefined, 4);
openSettings(env).update((s) => ({ ...s, engines: [{ name: 'far', url: `unix://${path.join(root, 'no-such.sock')}` }] }));
const localDown = () => Promise.reject(new EngineError('no-engine', 'no engine answers at the default socket', 'start it'));

describe('builds of every engine', () => {
  it('lists each build under its engine; engines that do not answer are said, their unfinished builds unknown', async () => {
    const started = performance.now();
    const { builds, unreachable } = await listBuildsEverywhere({ connectLocal: localDown, env });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(builds.map((b) => [b.id, b.engine, b.status, b.container])).toEqual([
      ['20260101-000300-aaaa03', 'removed', 'unknown', 'unknown'],
      ['20260101-000200-aaaa02', 'far', 'succeeded', 'unknown'],
      ['20260101-000100-aaaa01', 'far', 'unknown', 'unknown'],
      ['20260101-000400-aaaa04', 'local', 'unknown', 'unknown'],
    ]);
    expect(builds[2]?.message).toBe('engine "far" does not answer: the build\'s state is unknown (last recorded: running)');
    expect(builds[3]?.message).toBe('the engine does not answer: the build\'s state is unknown (last recorded: lost)');
    expect(Object.fromEntries(unreachable.map((u) => [u.engine, u.builds]))).toEqual({ far: 2, removed: 1, local: 1 });
    expect(unreachable.find((u) => u.engine === 'removed')?.why).toMatch(/^engine "removed" is not configured any more \(gentoo-wb engines add removed URL brings it back\)$/);
    expect(unreachable.find((u) => u.engine === 'far')?.why).toMatch(/no-such\.sock/);
  });

  it('--engine NAME lists that engine\'s builds only; attach finds a build\'s engine in its state', async () => {
    const { builds, unreachable } = await listBuildsEverywhere({ connectLocal: localDown, env, only: 'far' });
    expect(builds.map((b) => b.id)).toEqual(['20260101-000200-aaaa02', '20260101-000100-aaaa01']);
    expect(unreachable.map((u) => u.engine)).toEqual(['far']);
    expect(await engineOfBuild('20260101-000100-aaaa01', env)).toBe('far');
    expect(await engineOfBuild('20260101-000400-aaaa04', env)).toBeUndefined();
  });

  it('"local" cannot be an engine name: it means the default endpoint', () => {
    expect(checkEngineName('local')).toMatchObject({ ok: false, message: '"local" is reserved' });
  });
});

describe('the lost engine message', () => {
  const plan = (binpkgs: boolean) => ({ container: { mounts: binpkgs ? [{ kind: 'volume', name: 'v', target: '/var/cache/binpkgs', role: 'binpkgs' }] : [] } }) as unknown as BuildPlan;

  it('says what went, why a restart does not bring the build back, what is kept and what to run', () => {
    const m = engineLostMessage({ buildId: '20260101-000100-aaaa01', engine: 'far', why: 'ECONNREFUSED: connect', dir: '/s/builds/x', plan: plan(true) });
    expect(m).toMatch(/^lost engine "far" in the middle of build 20260101-000100-aaaa01 \(ECONNREFUSED: connect\); nothing was committed or tagged\. /);
    expect(m).toContain('Docker stops its containers when it starts again (unless it runs with live-restore)');
    expect(m).toContain('kept as binary packages in the engine\'s cache volume');
    expect(m).toContain('`gentoo-wb clean --dry-run --engine far`');
    expect(m).toContain('its output so far is in /s/builds/x');
  });

  it('does not promise binary packages when the build kept none', () => {
    const m = engineLostMessage({ buildId: '20260101-000100-aaaa01', engine: undefined, why: 'x', dir: '/d', plan: plan(false) });
    expect(m).toMatch(/^lost the engine in the middle/);
    expect(m).toContain('it kept no binary packages (caches are off), so a new build compiles everything again');
    expect(m).toContain('`gentoo-wb clean --dry-run` lists');
  });
});
