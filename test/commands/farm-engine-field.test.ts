// `gentoo-wb build R1 R2 --engines a,b` and a recipe's `engine` field: a recipe naming an engine that is
// not among --engines (or not configured at all) is refused with exit 2 before any engine is asked; one
// naming an engine of --engines goes ahead. The engines here are sockets that are not there, so an
// engine that was asked would show up in the output as its socket's path.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/commands/build.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { addEngine, removeEngine } from '../../src/engine/engines/engine-store.js';
import { openSettings } from '../../src/engine/settings/settings-store.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-cmd-farm-engine-'));
const IN_FARM = `farm-in-${process.pid}`;
const ELSEWHERE = `farm-out-${process.pid}`;
const socket = (name: string) => `/run/gwb-test-${name}-not-there.sock`;
const cli = (...args: string[]) => runCli([(p) => register(p, {} as CommandContext)], ['build', ...args]);

function writeRecipe(name: string, extra: { engine?: string; distcc?: readonly string[] } = {}): string {
  const r = newRecipe({ name, base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] });
  if (extra.engine !== undefined) r.engine = extra.engine;
  if (extra.distcc !== undefined) r.distcc = { engines: [...extra.distcc], helpers: 1, localJobs: 1 };
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, serializeRecipe(r));
  return file;
}

beforeAll(() => {
  for (const name of [IN_FARM, ELSEWHERE]) expect(addEngine(openSettings(), { name, url: `unix://${socket(name)}` }).ok).toBe(true);
});
afterAll(() => {
  for (const name of [IN_FARM, ELSEWHERE]) removeEngine(openSettings(), name);
  rmSync(dir, { recursive: true, force: true });
});

describe('a farm and the recipes\' engine field', () => {
  const free = writeRecipe('free');

  it('refuses a recipe that names a configured engine not among --engines, naming both, before asking any engine', async () => {
    const pinned = writeRecipe('pinned', { engine: ELSEWHERE });
    const r = await cli(free, pinned, '--engines', IN_FARM);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`recipe pinned names engine "${ELSEWHERE}" in its "engine" field, which is not one of the farm's engines (${IN_FARM}) (${pinned}): add that engine to the farm's engines (--engines), or take the field out of the recipe to let the farm choose; nothing was built`);
    expect(r.stderr).not.toContain(socket(IN_FARM));
    expect(r.stderr).not.toContain(socket(ELSEWHERE));
    expect(r.stdout).toBe('');
  });

  it('refuses a recipe naming an engine that is not configured (its engine or a distcc engine) as build does', async () => {
    for (const [extra, said] of [
      [{ engine: 'nowhere' }, 'engine: no engine named "nowhere"'],
      [{ distcc: ['nowhere'] }, 'distcc.engines[0]: no engine named "nowhere"'],
    ] as const) {
      const file = writeRecipe('unknown', extra);
      const r = await cli(free, file, '--engines', IN_FARM);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file} names engines that are not configured`);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toContain(socket(IN_FARM));
    }
  });

  it('takes a recipe whose engine is among --engines: the farm goes on to connect (here to a socket that is not there)', async () => {
    const pinned = writeRecipe('pinned-in', { engine: IN_FARM });
    const r = await cli(free, pinned, '--engines', IN_FARM);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(socket(IN_FARM));
    expect(r.stderr).not.toContain('not one of the farm\'s engines');
  });
});
