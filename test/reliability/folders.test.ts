// Full (ENOSPC) and read-only (EROFS) folders for everything gentoo-wb writes of its own: settings,
// recipes, build state. Each ends in one sentence naming the folder and what to do — no stack trace,
// no temporary file, the old file intact. Real file systems: a 64 KiB tmpfs filled to the last byte,
// and a tmpfs remounted read-only (root can write through chmod 0500, not through these).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { buildFiles, writeState } from '../../src/engine/build/build-store.js';
import { FolderWriteError } from '../../src/engine/files/atomic-write.js';
import { saveRecipeFile } from '../../src/engine/recipes/recipe-store.js';
import { openSettings } from '../../src/engine/settings/settings-store.js';
import { dockerStatus } from '../helpers/docker.js';
import { helloRecipe } from '../helpers/hello-recipe.js';
import { canMount, checkCase, firstLine, shortPaths, fullFolder, readOnlyFolder, record, temporaryFiles, useReliabilityTable } from './harness.js';

useReliabilityTable('full and read-only folders');

const recipe = newRecipe({ name: 'folders', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'], sizing: { jobs: 1, makeopts: '-j1' } });
const SETTINGS = '{\n\t"recentRecipes": ["/srv/a.json"]\n}';

/** Run an in-process case: its sentence must name the folder, nothing temporary may stay. */
async function inProcess(name: string, folder: string, body: () => Promise<string> | string, message: RegExp): Promise<void> {
  let text: string;
  try {
    text = await body();
  } catch (err) {
    text = (err as Error).message;
  }
  const left = temporaryFiles(folder).map((f) => path.basename(f));
  record({ name, message: shortPaths(firstLine(text)), exit: '-', left: left.length === 0 ? 'nothing' : left.join(', ') });
  expect(text).toMatch(message);
  expect(text).not.toMatch(/\n\s+at /);
  expect(left).toEqual([]);
}

describe.runIf(canMount)('full and read-only folders (real tmpfs mounts)', () => {
  it('settings: a read-only config folder at start-up is a notice, not a crash; settings stay in memory', async () => {
    const ro = readOnlyFolder('config');
    const seen: string[] = [];
    await inProcess('settings: read-only folder at start-up', ro, () => {
      const s = openSettings({}, path.join(ro, 'gentoo-wb'), new Date(), { onProblem: (m) => seen.push(m) });
      s.update((c) => ({ ...c, theme: 'light' }));
      expect(s.read().theme).toBe('light');
      expect(s.problem).toMatch(/read-only/);
      return s.notice ?? '(no notice)';
    }, new RegExp(`^Settings will not be saved this session: the config folder ${ro}/gentoo-wb is on a read-only file system \\(EROFS\\): make it writable or set XDG_CONFIG_HOME\\.$`));
  });

  it('settings: a full config folder keeps the old file whole and says what to do', async () => {
    const full = fullFolder('config', { 'gentoo-wb/config.json': SETTINGS });
    const dir = path.join(full, 'gentoo-wb');
    const seen: string[] = [];
    await inProcess('settings: full folder on save', full, () => {
      const s = openSettings({}, dir, new Date(), { onProblem: (m) => seen.push(m) });
      expect(s.notice).toBeUndefined();
      s.update((c) => ({ ...c, recentRecipes: ['/srv/b.json', ...Array.from({ length: 200 }, (_, i) => `/srv/recipe-${i}.json`)].slice(0, 10) }));
      s.update((c) => ({ ...c, theme: 'mono' }));
      expect(seen).toHaveLength(1);
      return seen[0] ?? '(nothing reported)';
    }, new RegExp(`^Settings not saved: the config folder ${dir} is full \\(ENOSPC\\): free space or set XDG_CONFIG_HOME$`));
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(SETTINGS);
  });

  it('recipe save into a full folder: one sentence, the old recipe intact, no temporary file', async () => {
    const full = fullFolder('recipes', { 'r.json': '{"old": true}\n' });
    await inProcess('recipe save: full folder', full, async () => {
      const err = await saveRecipeFile(path.join(full, 'r.json'), { ...recipe, image: { ...recipe.image, labels: { big: 'x'.repeat(4000) } } }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(FolderWriteError);
      return (err as Error).message;
    }, new RegExp(`^the recipe folder ${full} is full \\(ENOSPC\\): free space or save the recipe in another folder$`));
    expect(readFileSync(path.join(full, 'r.json'), 'utf8')).toBe('{"old": true}\n');
  });

  it('build state into a full state folder: one sentence, state.json intact, no state.json.tmp-*', async () => {
    const full = fullFolder('state', { 'gentoo-wb/builds/20260101-000000-abcdef/state.json': '{}\n' });
    const files = buildFiles('20260101-000000-abcdef', { XDG_STATE_HOME: full });
    await inProcess('build state: full folder', full, async () => {
      const state = { id: '20260101-000000-abcdef', recipeName: 'x'.repeat(60_000), recipeHash: '', recipePath: null, mode: 'commit' as const, baseImage: 'b', tags: [], containerId: null, status: 'running' as const, createdAt: 0, endedAt: null, finishDone: [], image: null, failed: [], exitCode: null, message: null };
      const err = await writeState(files, state).then(() => null, (e: unknown) => e);
      return (err as Error | null)?.message ?? '(written)';
    }, new RegExp(`^the state folder ${files.dir} is full \\(ENOSPC\\): free space or set XDG_STATE_HOME$`));
    expect(readFileSync(files.state, 'utf8')).toBe('{}\n');
    expect(readdirSync(files.dir)).toEqual(['state.json']);
  });

  it('CLI recipe new into a read-only folder: exit 1, the sentence, nothing written', async () => {
    const ro = readOnlyFolder('recipe-cli');
    await checkCase('recipe new: read-only folder', {
      args: () => ['recipe', 'new', path.join(ro, 'r.json'), '--base', 'gentoo/stage3', '--package', 'app-misc/hello'],
      exit: 1,
      message: new RegExp(`^gentoo-wb: cannot write ${ro}/r.json \\(the recipe folder ${ro} is on a read-only file system \\(EROFS\\): make it writable or save the recipe in another folder\\)$`, 'm'),
      scan: () => [ro],
    });
  });

  it('CLI recipe new into a full folder: exit 1, the sentence, no partial recipe', async () => {
    const full = fullFolder('recipe-cli');
    await checkCase('recipe new: full folder', {
      args: () => ['recipe', 'new', path.join(full, 'r.json'), '--base', 'gentoo/stage3', '--package', 'app-misc/hello'],
      exit: 1,
      message: new RegExp(`^gentoo-wb: cannot write ${full}/r.json \\(the recipe folder ${full} is full \\(ENOSPC\\): free space or save the recipe in another folder\\)$`, 'm'),
      scan: () => [full],
      after: () => expect(readdirSync(full)).toEqual(['filler']),
    });
  });

  it('CLI recipe new NAME with a read-only XDG_DATA_HOME: exit 1, names the recipes folder', async () => {
    const ro = readOnlyFolder('data');
    await checkCase('recipe new NAME: read-only data folder', {
      args: () => ['recipe', 'new', 'myimage', '--base', 'gentoo/stage3', '--package', 'app-misc/hello'],
      env: () => ({ XDG_DATA_HOME: ro }),
      exit: 1,
      message: new RegExp(`^gentoo-wb: cannot write ${ro}/gentoo-wb/recipes/myimage.json \\(the recipe folder ${ro}/gentoo-wb/recipes is on a read-only file system \\(EROFS\\): make it writable or save the recipe in another folder\\)$`, 'm'),
      scan: () => [ro],
    });
  });

  it.runIf(dockerStatus.reachable)('CLI build with a read-only state folder: exit 1 before any container, the sentence', async () => {
    const ro = readOnlyFolder('state-cli');
    const r = helloRecipe('ro-state');
    await checkCase('build: read-only state folder', {
      setup: (c) => {
        writeFileSync(path.join(c.dir, 'r.json'), serializeRecipe(r));
      },
      args: (c) => ['build', path.join(c.dir, 'r.json'), '--plain'],
      env: () => ({ XDG_STATE_HOME: ro }),
      exit: 1,
      message: new RegExp(`the state folder ${ro}/gentoo-wb/builds/[0-9a-f-]+ is on a read-only file system \\(EROFS\\): make it writable or set XDG_STATE_HOME`),
      unchanged: (c) => [path.join(c.dir, 'r.json')],
      scan: () => [ro],
      timeoutMs: 120_000,
    });
  }, 150_000);
});
