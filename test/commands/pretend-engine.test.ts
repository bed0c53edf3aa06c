// `gentoo-wb pretend RECIPE` asks the engine the build would run on: the recipe's `engine` unless
// --engine/-H/--context say otherwise; an engine name that is not configured stops it before any work.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerPretend } from '../../src/commands/pretend.js';
import { register as registerRecipe } from '../../src/commands/recipe.js';
import { addEngine, removeEngine } from '../../src/engine/engines/engine-store.js';
import { openSettings } from '../../src/engine/settings/settings-store.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-cmd-pretend-engine-'));
const NAME = `pretend-engine-${process.pid}`;
const SOCKET = `/run/gwb-test-pretend-${process.pid}-not-there.sock`;
const file = path.join(dir, 'r.json');

beforeAll(async () => {
  expect(addEngine(openSettings(), { name: NAME, url: `unix://${SOCKET}` }).ok).toBe(true);
  const made = await runCli([registerRecipe], ['recipe', 'new', file, '--base', 'gentoo/stage3:amd64-openrc', '--package', 'app-misc/hello', '--offline', '--engine', NAME]);
  expect(made.code).toBe(0);
});
afterAll(() => {
  removeEngine(openSettings(), NAME);
  rmSync(dir, { recursive: true, force: true });
});

describe('pretend and the recipe\'s engine', () => {
  it('connects to the engine the recipe names (here a socket that is not there, so it says so)', async () => {
    const result = await runCli([registerPretend], ['pretend', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(SOCKET);
  });

  it('refuses an engine name that is not configured with exit 2, before connecting anywhere', async () => {
    const other = path.join(dir, 'unknown.json');
    const recipe = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(other, JSON.stringify({ ...recipe, engine: 'nowhere' }));
    const result = await runCli([registerPretend], ['pretend', other]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('engine: no engine named "nowhere"');
    expect(result.stderr).not.toContain(SOCKET);
  });
});
