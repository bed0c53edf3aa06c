// `gentoo-wb recipe new|validate` check atoms against the base's tree, for real: the built CLI on the
// real-Portage test base (its own tree and the snapshot image). --offline skips the tree; a tree that
// cannot be read is a note, not a failure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-recipe-tree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { XDG_DATA_HOME: path.join(dir, 'data'), XDG_CONFIG_HOME: path.join(dir, 'config') };
const cli = (...args: string[]) => runCli(['recipe', ...args], { env });

describeDocker('recipe new and validate against the tree', () => {
  it('new refuses an atom that matches nothing, with the closest name (exit 1, nothing written); --offline writes it', async () => {
    const { base } = realPortageImages();
    const file = path.join(dir, 'helo.json');
    const r = await cli('new', file, '--base', base, '-p', 'app-misc/helo', '-p', 'dev-lang/php');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`gentoo-wb: ${file}: 1 atom not buildable from the tree in ${base}:\n`
      + `  packages[0]: app-misc/helo matches no package in the tree in ${base}; did you mean app-misc/hello?\n`
      + '  hint: fix the atoms, or pass --offline to write the recipe without checking them\n');
    expect(() => readFileSync(file)).toThrow();
    const offline = await cli('new', file, '--base', base, '-p', 'app-misc/helo', '--offline');
    expect(offline).toMatchObject({ code: 0, stdout: `${file}\n`, stderr: '' });
    expect((await cli('validate', file, '--offline')).code).toBe(0);
  });

  it('validate: exit 1 for unknown names and versions emerge will not take, exit 0 for a good recipe, fast', async () => {
    const { base, tree } = realPortageImages();
    const bad = path.join(dir, 'bad.json');
    expect((await cli('new', bad, '--base', base, '-p', 'app-misc/helo', '-p', '=dev-lang/php-8.4.2', '-p', '>=dev-lang/php-8.5', '--offline')).code).toBe(0);
    const r = await cli('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      `gentoo-wb: ${bad}: 3 atoms not buildable from the tree in ${base}:`,
      `  packages[0]: app-misc/helo matches no package in the tree in ${base}; did you mean app-misc/hello?`,
      '  packages[1]: =dev-lang/php-8.4.2 matches only versions emerge will not take: dev-lang/php-8.4.2 (keyworded ~amd64 only) (accept its keywords on the Keywords tab, or choose another version)',
      '  packages[2]: >=dev-lang/php-8.5 matches only versions emerge will not take: dev-lang/php-8.5.0_alpha1 (masked by profiles/test/amd64/package.mask: Alpha release of the next PHP slot; not ready for general use.) (unmask it (packageUnmask), or choose another version)',
      expect.stringMatching(/^ {2}hint: fix the atoms/),
      '',
    ]);
    const good = path.join(dir, 'good.json');
    expect((await cli('new', good, '--base', base, '-p', 'app-misc/hello', '-p', 'dev-lang/php:8.3', '--portage-image', tree)).code).toBe(0);
    const started = Date.now();
    const ok = await cli('validate', good);
    const took = Date.now() - started;
    expect(ok).toMatchObject({ code: 0, stderr: '', stdout: `${good}: valid (good: 2 packages, commit mode, base ${base}; atoms found in snapshot ${tree})\n` });
    expect(took, 'recipe validate with the tree (node start included)').toBeLessThan(2000);
  });

  it('a tree that cannot be read is a note and the syntax check still decides', async () => {
    const file = path.join(dir, 'absent.json');
    writeFileSync(file, JSON.stringify({ version: 1, name: 'absent', base: { image: 'gentoo-wb-test/no-such-base:1' }, packages: ['app-misc/helo'] }));
    const r = await cli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^gentoo-wb: note: packages not checked against the tree: cannot read the tree: the base image gentoo-wb-test\/no-such-base:1 is not here .*--offline\)\n$/);
    expect(r.stdout).toBe(`${file}: valid (absent: 1 package, commit mode, base gentoo-wb-test/no-such-base:1)\n`);
  });
});
