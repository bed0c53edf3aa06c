// `gentoo-wb recipe new --engine … --distcc …`, `recipe show` of them, and unknown engine names refused
// before anything is written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/commands/recipe.js';
import { addEngine, removeEngine } from '../../src/engine/engines/engine-store.js';
import { openSettings } from '../../src/engine/settings/settings-store.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-cmd-recipe-distcc-'));
const cli = (...args: string[]) => runCli([register], ['recipe', ...args]);
const BASE = ['--base', 'gentoo/stage3:amd64-openrc', '--package', 'app-misc/hello', '--offline'];
const NAME = `distcc-helper-${process.pid}`;

beforeAll(() => {
  const added = addEngine(openSettings(), { name: NAME, url: 'unix:///run/gwb-test-not-there.sock' });
  expect(added.ok).toBe(true);
});
afterAll(() => {
  removeEngine(openSettings(), NAME);
  rmSync(dir, { recursive: true, force: true });
});

describe('recipe new --engine --distcc', () => {
  it('writes the engine and the helpers\' engines; recipe show names them', async () => {
    const file = path.join(dir, 'd.json');
    const result = await cli('new', file, ...BASE, '--engine', NAME, '--distcc', NAME, '--distcc', 'local');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const written = JSON.parse(readFileSync(file, 'utf8')) as { engine: string; distcc: unknown };
    expect(written.engine).toBe(NAME);
    expect(written.distcc).toEqual({ engines: [NAME, 'local'], helpers: 1, localJobs: 0 });
    const shown = await cli('show', file);
    expect(shown.stdout).toContain(`engine:    ${NAME} (unless build --engine says otherwise)\n`);
    expect(shown.stdout).toContain(`distcc:    1 distccd helper on each of ${NAME}, local; DISTCC_HOSTS and MAKEOPTS from their CPUs when the build starts\n`);
    expect(shown.stdout).not.toMatch(/FEATURES="[^"]*distcc/);
  });

  it('a recipe without them shows neither line', async () => {
    const file = path.join(dir, 'plain.json');
    expect((await cli('new', file, ...BASE)).code).toBe(0);
    const shown = (await cli('show', file)).stdout;
    expect(shown).not.toMatch(/^engine:|^distcc:/m);
  });

  it('refuses unknown and malformed engine names before writing anything, exit 2', async () => {
    const file = path.join(dir, 'bad.json');
    const unknown = await cli('new', file, ...BASE, '--distcc', 'nowhere');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('distcc.engines[0]: no engine named "nowhere"');
    expect(unknown.stderr).toContain(NAME);
    const bad = await cli('new', file, ...BASE, '--engine', 'Not An Engine');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('engine: "Not An Engine" is not an engine name');
    const twice = await cli('new', file, ...BASE, '--distcc', 'local', '--distcc', 'local');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('distcc.engines[1]: "local" is listed twice');
    expect(existsSync(file)).toBe(false);
  });
});
