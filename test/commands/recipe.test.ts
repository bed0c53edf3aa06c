// `gentoo-wb recipe new|show|validate` through the command layer, --offline (no engine needed); the
// tree checks are in test/e2e/recipe-tree-check.test.ts.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../../src/commands/recipe.js';
import { nameFromFile } from '../../src/commands/recipe-actions.js';
import { parseRecipe } from '../../src/core/recipe/recipe-json.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-cmd-recipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli([register], ['recipe', ...args, ...(args[0] === 'new' || args[0] === 'validate' ? ['--offline'] : [])]);
let savedData: string | undefined;
beforeEach(() => {
  savedData = process.env.XDG_DATA_HOME;
  process.env.XDG_DATA_HOME = path.join(dir, 'data');
});
afterEach(() => {
  if (savedData === undefined) delete process.env.XDG_DATA_HOME;
  else process.env.XDG_DATA_HOME = savedData;
});

const PHP = ['--base', 'gentoo/stage3:amd64-openrc', '--package', 'dev-lang/php', '--package', '>=net-misc/curl-8.11', '--tag', 'example/php:8.3',
  '--use', '-X fpm', '--portage-image', 'gentoo/portage:latest', '--entrypoint', '/usr/bin/php-fpm', '--cmd', '-F', '--cmd', '--nodaemonize'];

describe('gentoo-wb recipe new', () => {
  it('writes a valid recipe with every option and the make.conf defaults', async () => {
    const file = path.join(dir, 'php-fpm.json');
    const result = await cli('new', file, ...PHP);
    expect(result).toMatchObject({ code: 0, stdout: `${file}\n`, stderr: '' });
    const parsed = parseRecipe(readFileSync(file, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = parsed.recipe;
    expect(r.name).toBe('php-fpm');
    expect(r.base).toEqual({ image: 'gentoo/stage3:amd64-openrc' });
    expect(r.packages).toEqual(['dev-lang/php', '>=net-misc/curl-8.11']);
    expect(r.portage).toEqual({ source: 'snapshot', image: 'gentoo/portage:latest' });
    expect(r.image).toMatchObject({ tags: ['example/php:8.3'], entrypoint: ['/usr/bin/php-fpm'], cmd: ['-F', '--nodaemonize'] });
    expect(r.makeConf).toMatchObject({ COMMON_FLAGS: '-O2 -pipe', FEATURES: '-ipc-sandbox -network-sandbox -pid-sandbox parallel-install', LC_MESSAGES: 'C.utf8', USE: '-X fpm' });
    expect(r.makeConf.MAKEOPTS).toMatch(/^-j\d+ -l\d+$/);
    expect(r.jobs.emerge).toBeGreaterThanOrEqual(1);
  });

  it('puts a bare name in the recipes folder of XDG_DATA_HOME', async () => {
    const result = await cli('new', 'hello', '--base', 'gentoo/stage3:amd64-openrc', '-p', 'app-misc/hello');
    const expected = path.join(dir, 'data', 'gentoo-wb', 'recipes', 'hello.json');
    expect(result).toMatchObject({ code: 0, stdout: `${expected}\n` });
    expect(JSON.parse(readFileSync(expected, 'utf8'))).toMatchObject({ version: 1, name: 'hello', packages: ['app-misc/hello'] });
    expect((await cli('validate', 'hello')).stdout).toBe(`${expected}: valid (hello: 1 package, commit mode, base gentoo/stage3:amd64-openrc)\n`);
  });

  it('refuses an invalid recipe with field-level messages and exit 2, writing nothing', async () => {
    const file = path.join(dir, 'bad.json');
    const result = await cli('new', file, '--base', 'Gentoo/Stage3', '--package', 'php', '--tag', 'Bad Tag');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} is not a valid recipe:`);
    expect(result.stderr).toContain('  base.image: "Gentoo/Stage3" is not a valid image name (lowercase letters and digits, with . _ - between them) (e.g. gentoo/stage3:amd64-openrc)');
    expect(result.stderr).toContain('  packages[0]: "php" is not a valid atom');
    expect(result.stderr).toMatch(/ {2}image\.tags\[0\]: "Bad Tag"/);
    expect(() => readFileSync(file)).toThrow();
    expect((await cli('new', file, '--base', 'gentoo/stage3', '--mode', 'fast')).stderr).toContain('--mode fast: choose one of commit, scratch, stage4, minimal');
    expect((await cli('new', file, '-p', 'app-misc/hello')).code).toBe(2); // --base is required
  });

  it('refuses a path whose folder does not exist unless --parents', async () => {
    const file = path.join(dir, 'missing', 'dir', 'x.json');
    const refused = await cli('new', file, '--base', 'gentoo/stage3', '-p', 'app-misc/hello');
    expect(refused).toMatchObject({ code: 1, stderr: `gentoo-wb: ${path.join(dir, 'missing', 'dir')} does not exist (or is not a folder)\n  hint: create it first, or pass --parents to create it\n` });
    expect(() => readFileSync(file)).toThrow();
    expect((await cli('new', file, '--base', 'gentoo/stage3', '-p', 'app-misc/hello', '--parents')).code).toBe(0);
    expect(parseRecipe(readFileSync(file, 'utf8')).ok).toBe(true);
  });

  it('does not overwrite without --force, and says when the file cannot be written (exit 1)', async () => {
    const file = path.join(dir, 'twice.json');
    expect((await cli('new', file, '--base', 'gentoo/stage3', '-p', 'app-misc/hello')).code).toBe(0);
    const again = await cli('new', file, '--base', 'gentoo/stage3', '-p', 'app-misc/foo-tool');
    expect(again).toMatchObject({ code: 1, stderr: `gentoo-wb: ${file} already exists\n  hint: choose another file, or pass --force to overwrite it\n` });
    expect((await cli('new', file, '--base', 'gentoo/stage3', '-p', 'app-misc/foo-tool', '--force')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('app-misc/foo-tool');

    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const denied = await cli('new', path.join(locked, 'x.json'), '--base', 'gentoo/stage3', '-p', 'app-misc/hello');
    chmodSync(locked, 0o700);
    // root may write anywhere; everyone else gets exit 1 with the reason.
    if (process.getuid?.() !== 0) expect(denied).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot write .*x\.json \(EACCES\)\n {2}hint: /) });
  });
});

describe('gentoo-wb recipe show / validate', () => {
  it('show prints the summary and the exact /etc/portage files', async () => {
    const file = path.join(dir, 'show.json');
    await cli('new', file, ...PHP);
    const shown = await cli('show', file);
    expect(shown.code).toBe(0);
    const header = '# Written by gentoo-wb from the recipe; edit the recipe, not this file.';
    expect(shown.stdout).toContain('name:      show\nbase:      gentoo/stage3:amd64-openrc\nportage:   snapshot image gentoo/portage:latest\n');
    expect(shown.stdout).toContain(`--- /etc/portage/make.conf (0644)\n${header}\nCOMMON_FLAGS="-O2 -pipe"\nCFLAGS="\${COMMON_FLAGS}"\n`);
    expect(shown.stdout).toContain('FEATURES="-ipc-sandbox -network-sandbox -pid-sandbox parallel-install"\nLC_MESSAGES="C.utf8"\nUSE="-X fpm"\n');
    expect(shown.stdout).toContain('entrypoint: /usr/bin/php-fpm\ncmd:       -F --nodaemonize\n');

    const json = await cli('show', file, '--json');
    const doc = JSON.parse(json.stdout) as { path: string; hash: string; recipe: { name: string }; files: { path: string; mode: string; content: string }[] };
    expect(doc.path).toBe(file);
    expect(doc.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.recipe.name).toBe('show');
    expect(doc.files.map((f) => [f.path, f.mode])).toEqual([['/etc/portage/make.conf', '0644']]);
    expect(doc.files[0]!.content.startsWith(`${header}\nCOMMON_FLAGS="-O2 -pipe"\n`)).toBe(true);
  });

  it('validate reports every problem by field (exit 2), a missing file as a failure (exit 1)', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ version: 1, name: 'has space', base: { image: 'gentoo/stage3' }, packages: ['dev-lang/php', '!!x/y'], image: { expose: ['http'] } }));
    const result = await cli('validate', file);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(':')[0])).toEqual(['name', 'packages[1]', 'image.expose[0]']);
    expect((await cli('show', file)).code).toBe(2);
    writeFileSync(file, '{"version": 1,');
    expect((await cli('validate', file)).stderr).toMatch(/\(file\): not valid JSON at line 1/);
    const missing = await cli('validate', path.join(dir, 'nope.json'));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('nope.json does not exist\n  hint: create one with gentoo-wb recipe new') });
  });

  it('validate accepts a byte order mark, names the file and the line/column of a JSON error, refuses a bad digest', async () => {
    const file = path.join(dir, 'bom.json');
    await cli('new', file, '--base', 'gentoo/stage3', '-p', 'app-misc/hello');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `\uFEFF${text}`);
    expect((await cli('validate', file)).code).toBe(0);
    writeFileSync(file, text.replace('"name": "bom"', '"name": bom'));
    const bad = await cli('validate', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`gentoo-wb: ${file} is not a valid recipe:\n  (file): not valid JSON at line 3, column 11: unexpected "b" (fix the syntax, or create a new one with gentoo-wb recipe new)\n`);
    writeFileSync(file, text.replace('"base": {', '"base": {\n    "digest": "sha256:nothex",'));
    expect((await cli('validate', file)).stderr).toContain('base.digest: "sha256:nothex" is not an image digest');
  });

  it('names recipes after their file and resolves bare names', async () => {
    expect(nameFromFile('/x/My PHP.json')).toBe('My-PHP');
    expect(nameFromFile('--.json')).toBe('recipe');
    const inFolder = path.join(dir, 'data', 'gentoo-wb', 'recipes');
    // A bare name is a recipe of the folder; a name with a slash or ending in .json is a path as given.
    expect((await cli('validate', 'php')).stderr).toContain(`${inFolder}/php.json does not exist`);
    expect((await cli('validate', './php')).stderr).toContain('gentoo-wb: ./php does not exist');
    expect((await cli('validate', 'php.json')).stderr).toContain('gentoo-wb: php.json does not exist');
  });
});
