// `build --tag` is checked before anything runs: a bad tag used to fail after the whole emerge
// (leaving an untagged image), and with two tags the first was applied before exit 1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFiles, buildIdProblem, listBuildStates } from '../../src/engine/build/build-store.js';
import { register } from '../../src/commands/build.js';
import type { CommandContext } from '../../src/commands/command-context.js';
import { runCli } from './helpers/cli.js';

const run = (...args: string[]) => runCli([(p) => register(p, {} as CommandContext)], args);
const cli = (...args: string[]) => run('build', ...args);
const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-build-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gentoo-wb build --tag', () => {
  it('refuses every invalid tag with exit 2 before reading the recipe or touching the engine', async () => {
    const r = await cli('/nonexistent/recipe.json', '--tag', 'ok/name:1', '--tag', 'Bad/Name', '--tag', 'x:bad:tag\u001b');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tag "Bad/Name": is not a valid image name');
    expect(r.stderr).toContain(String.raw`--tag "x:bad:tag\u001b"`);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('nothing was built');
    expect(r.stderr).not.toContain('recipe.json');
  });
});

describe('gentoo-wb attach ID', () => {
  it('refuses an ID that is not a build ID before any file access (no ../ walk to a folder with a state.json)', async () => {
    const evil = path.join(dir, 'evil');
    mkdirSync(evil, { recursive: true });
    writeFileSync(path.join(evil, 'state.json'), JSON.stringify({ id: 'evil', status: 'running', createdAt: 1 }));
    const saved = process.env.XDG_STATE_HOME;
    process.env.XDG_STATE_HOME = path.join(dir, 'state');
    try {
      const r = await run('attach', '../../../evil', '--plain');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('"../../../evil" is not a build ID (like 20260107-143012-a1b2c3)');
    } finally {
      if (saved === undefined) delete process.env.XDG_STATE_HOME;
      else process.env.XDG_STATE_HOME = saved;
    }
    expect(buildIdProblem('20260107-143012-a1b2c3')).toBeNull();
    expect(() => buildFiles('../evil', { XDG_STATE_HOME: dir })).toThrow(/outside the builds folder/);
    expect(() => buildFiles('..', { XDG_STATE_HOME: dir })).toThrow();
    mkdirSync(path.join(dir, 'gentoo-wb', 'builds'), { recursive: true });
    expect(await listBuildStates({ XDG_STATE_HOME: dir })).toEqual([]);
  });
});
