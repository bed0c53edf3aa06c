// `gentoo-wb pretend` as a user runs it (the built CLI), against the stand-in stage3.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PretendResult } from '../../src/core/portage/pretend/pretend-types.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { recipeSchema, type BuildModeKind } from '../../src/core/recipe/recipe-schema.js';
import { runCli } from '../helpers/cli.js';
import { describeDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-pretend-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeRecipe(name: string, packages: string[], mode: BuildModeKind = 'commit'): string {
  const images = realPortageImages();
  const r = newRecipe({ name, base: images.base, packages, portageImage: images.tree });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, serializeRecipe(recipeSchema.parse({ ...r, mode: { kind: mode } })));
  return file;
}

describe('gentoo-wb pretend: usage', () => {
  it('exits 2 without a recipe, for a missing file and for an invalid recipe, saying why', async () => {
    expect((await runCli(['pretend'])).code).toBe(2);
    const missing = await runCli(['pretend', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json does not exist');
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, name: 'bad', base: { image: 'gentoo/stage3' }, packages: ['not an atom'] }));
    const invalid = await runCli(['pretend', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('packages[0]: "not an atom" is not a valid atom');
  });
});

describeDocker('gentoo-wb pretend against the stand-in stage3', () => {
  beforeAll(() => realPortageImages());

  it('exit 0 and the merge list as a table for a mergeable recipe; --json prints the parsed result', async () => {
    const file = writeRecipe('php', ['dev-lang/php']);
    const text = await runCli(['pretend', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^STATUS +PACKAGE +VERSION +USE CHANGES +SIZE$/m);
    expect(text.stdout).toMatch(/^N +dev-lang\/php +8\.3\.15 +0 KiB$/m);
    expect(text.stdout).toContain('Total: 6 packages (6 new), Size of downloads: 0 KiB');
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('Portage accepts the list: 6 packages to merge');
    const json = await runCli(['pretend', file, '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as PretendResult;
    expect(result.packages.map((p) => p.name)).toEqual(['oniguruma', 'sqlite', 'libpcre2', 'libxml2', 'libzip', 'php']);
    expect(result.total?.packages).toBe(6);
  });

  it('exit 1 with Portage\'s request; --apply writes it into the recipe file and the second pretend passes (exit 0)', async () => {
    const file = writeRecipe('hurl', ['net-misc/hurl']);
    const first = await runCli(['pretend', file]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('package.use: >=net-misc/curl-8.11.1 http2   (required by net-misc/hurl-5.0.1::gentoo)');
    expect(first.stdout).toContain('Portage needs 1 configuration change first');
    const json = JSON.parse((await runCli(['pretend', file, '--json'])).stdout) as PretendResult;
    expect(json.changes.map((c) => c.line)).toEqual(['>=net-misc/curl-8.11.1 http2']);
    const applied = await runCli(['pretend', file, '--apply']);
    expect(applied.stderr).toContain('pretend: package.use: >=net-misc/curl-8.11.1 http2 (added)');
    expect(applied.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    expect((await runCli(['pretend', file])).code).toBe(0);
  });

  it('exit 1 and the reason in words for a blocker and for a missing package', async () => {
    const blocked = await runCli(['pretend', writeRecipe('libressl', ['dev-libs/libressl'])]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('x dev-libs/libressl blocks dev-libs/openssl: both cannot be installed; remove one of them from the recipe');
    expect(blocked.stdout).toContain('Portage refuses: dev-libs/libressl blocks dev-libs/openssl');
    const missing = await runCli(['pretend', writeRecipe('missing', ['app-misc/doesnotexist'])]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('emerge: there are no ebuilds to satisfy "app-misc/doesnotexist".');
    expect(missing.stdout).toContain('Portage refuses: No package matches app-misc/doesnotexist');
  });

  it('scratch mode shows what goes into ROOT=/destination', async () => {
    const scratch = await runCli(['pretend', writeRecipe('scratch', ['net-misc/curl'], 'scratch')]);
    expect(scratch.code).toBe(0);
    expect(scratch.stdout).toMatch(/^N +net-misc\/curl +8\.11\.1 +to \/destination\/ +0 KiB$/m);
  });
});
