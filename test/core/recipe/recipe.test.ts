import { describe, expect, it } from 'vitest';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { formatProblem } from '../../../src/core/recipe/recipe-problems.js';
import { parseRecipe, serializeRecipe } from '../../../src/core/recipe/recipe-json.js';
import { recipeHash } from '../../../src/core/recipe/recipe-hash.js';
import { renderPortageFiles, quoteMakeConfValue } from '../../../src/core/recipe/render-portage-files.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';

function phpRecipe(): Recipe {
  const r = newRecipe({
    name: 'php-fpm',
    base: 'gentoo/stage3:amd64-openrc',
    packages: ['dev-lang/php', '>=net-misc/curl-8.11'],
    tags: ['example/php:8.3'],
    use: '-X fpm',
    portageImage: 'gentoo/portage:latest',
    entrypoint: ['/usr/bin/php-fpm'],
    cmd: ['-F'],
    sizing: { jobs: 2, makeopts: '-j2 -l3' },
  });
  r.packageUse.push({ atom: '>=net-misc/curl-8.11.1', flags: ['http2', '-ipv6'] });
  r.packageAcceptKeywords.push({ atom: '=dev-libs/openssl-3.4.0', keywords: ['~amd64'] });
  r.packageLicense.push({ atom: 'app-misc/proprietary-tool', licenses: ['Proprietary-EULA'] });
  r.image.expose.push('9000/tcp', '53/udp');
  return r;
}

describe('recipe documents', () => {
  it('round-trips: load → save → load gives an equal recipe and identical text', () => {
    const text = serializeRecipe(phpRecipe());
    const first = parseRecipe(text);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.recipe).toEqual(phpRecipe());
    expect(serializeRecipe(first.recipe)).toBe(text);
  });

  it('fills defaults for a minimal document', () => {
    const parsed = parseRecipe(JSON.stringify({ version: 1, name: 'x', base: { image: 'gentoo/stage3' }, packages: ['app-misc/hello'] }));
    expect(parsed.ok && parsed.recipe.mode).toEqual({ kind: 'commit' });
    expect(parsed.ok && parsed.recipe.caches).toEqual({ distfiles: true, binpkgs: true, ccache: false });
    expect(parsed.ok && parsed.recipe.portage).toEqual({ source: 'base' });
  });

  it('reports JSON syntax errors with line and column', () => {
    const parsed = parseRecipe('{\n  "version": 1,\n  "name": "x",,\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(formatProblem(parsed.problems[0]!)).toMatch(/^\(file\): not valid JSON at line 3, column \d+/);
  });

  it('gives field-level messages for shape and meaning problems', () => {
    const shape = parseRecipe(JSON.stringify({ version: 1, name: 'x', base: { image: 'a' }, packages: 'dev-lang/php' }));
    expect(shape.ok === false && shape.problems.map((p) => p.field)).toEqual(['packages']);

    const bad = phpRecipe();
    bad.packages = ['dev-lang/php', 'php', '!!dev-libs/openssl'];
    bad.packageUse = [{ atom: 'net-misc/curl', flags: ['http2', 'bad flag'] }];
    bad.packageAcceptKeywords = [{ atom: '=dev-libs/openssl-3.4.0', keywords: ['~AMD64!'] }];
    bad.image.tags = ['Example/PHP'];
    bad.image.expose = ['http'];
    bad.base.image = 'gentoo/stage3:bad tag';
    const parsed = parseRecipe(serializeRecipe(bad));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byField = Object.fromEntries(parsed.problems.map((p) => [p.field, p.problem]));
    expect(Object.keys(byField).sort()).toEqual([
      'base.image', 'image.expose[0]', 'image.tags[0]', 'packageAcceptKeywords[0].keywords[0]', 'packageUse[0].flags[1]', 'packages[1]', 'packages[2]',
    ]);
    expect(byField['packages[1]']).toMatch(/"php" is not a valid atom/);
    expect(byField['packages[2]']).toMatch(/blocker/);
    expect(byField['packageUse[0].flags[1]']).toMatch(/a space is not allowed/);
  });

  it('rejects an unsupported version with a hint', () => {
    const parsed = parseRecipe(JSON.stringify({ version: 2, name: 'x', base: { image: 'a' } }));
    expect(parsed.ok === false && formatProblem(parsed.problems[0]!)).toBe('version: version 2 is not supported (this gentoo-wb reads version 1)');
  });

  it('hashes what the build does, not the name or tags', () => {
    const a = phpRecipe();
    const b = { ...phpRecipe(), name: 'renamed', image: { ...phpRecipe().image, tags: ['other:1'] } };
    const c = phpRecipe();
    c.packages.push('app-misc/hello');
    expect(recipeHash(a)).toBe(recipeHash(b));
    expect(recipeHash(a)).not.toBe(recipeHash(c));
    expect(recipeHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('rendered /etc/portage files', () => {
  it('are exactly these bytes', () => {
    const files = renderPortageFiles(phpRecipe());
    const header = '# Written by gentoo-wb from the recipe; edit the recipe, not this file.\n';
    expect(files).toEqual([
      {
        path: '/etc/portage/make.conf',
        mode: 0o644,
        content:
          header +
          'COMMON_FLAGS="-O2 -pipe"\nCFLAGS="${COMMON_FLAGS}"\nCXXFLAGS="${COMMON_FLAGS}"\nFCFLAGS="${COMMON_FLAGS}"\nFFLAGS="${COMMON_FLAGS}"\n' +
          'MAKEOPTS="-j2 -l3"\nFEATURES="-ipc-sandbox -network-sandbox -pid-sandbox parallel-install"\nLC_MESSAGES="C.utf8"\nUSE="-X fpm"\n',
      },
      { path: '/etc/portage/package.use/gentoo-wb', mode: 0o644, content: `${header}>=net-misc/curl-8.11.1 http2 -ipv6\n` },
      { path: '/etc/portage/package.accept_keywords/gentoo-wb', mode: 0o644, content: `${header}=dev-libs/openssl-3.4.0 ~amd64\n` },
      { path: '/etc/portage/package.license/gentoo-wb', mode: 0o644, content: `${header}app-misc/proprietary-tool Proprietary-EULA\n` },
    ]);
  });

  it('quote values so quotes and backticks cannot escape, keeping $VAR live', () => {
    expect(quoteMakeConfValue('a "b" `c` \\d ${E}')).toBe('"a \\"b\\" \\`c\\` \\\\d ${E}"');
  });
});
