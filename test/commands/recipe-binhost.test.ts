// `gentoo-wb recipe new --binhost … --on-missing …` and `recipe show` of the binhosts, --offline.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { register } from '../../src/commands/recipe.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-cmd-recipe-binhost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli([register], ['recipe', ...args]);
const BASE = ['--base', 'gentoo/stage3:amd64-openrc', '--package', 'app-misc/hello', '--offline'];

describe('recipe new --binhost', () => {
  it('takes gentoo, gentoo-v3, URLs and served names in order, and --on-missing', async () => {
    const file = path.join(dir, 'bin.json');
    const result = await cli('new', file, ...BASE, '--binhost', 'gentoo-v3', '--binhost', 'https://binhost.example.org/amd64/', '--binhost', 'lan', '--on-missing', 'fail');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(readFileSync(file, 'utf8')).binaries).toEqual({
      hosts: [{ kind: 'gentoo', variant: 'x86-64-v3' }, { kind: 'url', url: 'https://binhost.example.org/amd64/' }, { kind: 'served', name: 'lan' }],
      onMissing: 'fail',
    });
    const shown = await cli('show', file);
    expect(shown.stdout).toContain('binhosts:  gentoo-v3 https://binhost.example.org/amd64/ lan; binary packages only (--getbinpkgonly)\n');
    expect(shown.stdout).toContain('/etc/portage/binrepos.conf/ is written when the build plans');
    const json = JSON.parse((await cli('show', file, '--json')).stdout) as { recipe: { binaries: unknown } };
    expect(json.recipe.binaries).toEqual({ hosts: expect.any(Array), onMissing: 'fail' });
  });

  it('a recipe without binhosts shows no binhost line', async () => {
    const file = path.join(dir, 'plain.json');
    expect((await cli('new', file, ...BASE)).code).toBe(0);
    expect((await cli('show', file)).stdout).not.toContain('binhost');
  });

  it('refuses bad words before writing anything, exit 2', async () => {
    const file = path.join(dir, 'bad.json');
    const ftp = await cli('new', file, ...BASE, '--binhost', 'ftp://mirror/x');
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toContain('--binhost "ftp://mirror/x" uses ftp://; only http:// and https:// binhosts are supported');
    const twice = await cli('new', file, ...BASE, '--binhost', 'gentoo', '--binhost', 'gentoo-v3');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("binaries.hosts[1]: Gentoo's official binhost is listed more than once");
    const arm = await cli('new', file, '--base', 'gentoo/stage3:arm64-openrc', '--package', 'app-misc/hello', '--offline', '--binhost', 'gentoo');
    expect(arm.stderr).toContain('built for amd64, and the base gentoo/stage3:arm64-openrc is not an amd64 image');
    const missing = await cli('new', file, ...BASE, '--on-missing', 'never');
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('--on-missing never: choose compile or fail') });
    expect(() => readFileSync(file)).toThrow();
  });
});
