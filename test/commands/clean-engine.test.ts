// `clean` settles builds whose starter died while preparing, but only builds of the engine it cleans:
// a build recorded on another engine cannot be looked at here and keeps its state.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register } from '../../src/commands/clean.js';
import type { BuildState } from '../../src/core/build/build-record.js';
import { buildFiles, readState, writeState } from '../../src/engine/build/build-store.js';
import { describeDocker } from '../helpers/docker.js';
import { runCli } from './helpers/cli.js';

// A namespace of this file's own: `clean` in the run's namespace would remove what other test files,
// running at the same time, made and still use.
const saved = { XDG_STATE_HOME: process.env.XDG_STATE_HOME, GENTOO_WB_NAMESPACE: process.env.GENTOO_WB_NAMESPACE };
beforeAll(() => {
  process.env.XDG_STATE_HOME = mkdtempSync(path.join(os.tmpdir(), 'gwb-clean-engine-'));
  process.env.GENTOO_WB_NAMESPACE = `${saved.GENTOO_WB_NAMESPACE ?? 'test'}-ce`.slice(0, 32);
});
afterAll(() => {
  process.env.XDG_STATE_HOME = saved.XDG_STATE_HOME;
  process.env.GENTOO_WB_NAMESPACE = saved.GENTOO_WB_NAMESPACE;
});

function preparing(id: string, engine?: string): BuildState {
  return {
    id, recipeName: 'r', recipeHash: 'h', recipePath: null, mode: 'commit', baseImage: 'b', tags: [], containerId: null, status: 'preparing',
    createdAt: Date.now(), endedAt: null, finishDone: [], image: null, failed: [], exitCode: null, message: null, ...(engine ? { engine } : {}),
  };
}

describeDocker('clean and builds of other engines', () => {
  it('settles a dead preparing build of its own engine and leaves one of another engine as it was', async () => {
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const ours = `${stamp.slice(0, 8)}-${stamp.slice(8)}-aaa001`;
    const theirs = `${stamp.slice(0, 8)}-${stamp.slice(8)}-bbb002`;
    await writeState(buildFiles(ours), preparing(ours));
    await writeState(buildFiles(theirs), preparing(theirs, 'elsewhere'));
    const r = await runCli([register], ['clean']);
    expect(r.code, r.stderr).toBe(0);
    expect((await readState(buildFiles(ours)))?.status).toBe('failed');
    expect(await readState(buildFiles(theirs))).toMatchObject({ status: 'preparing', engine: 'elsewhere' });
  });
});
