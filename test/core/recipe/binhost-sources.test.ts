import { describe, expect, it } from 'vitest';
import { binhostWord, parseBinhostWord } from '../../../src/core/recipe/binhost-sources.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { recipeHash } from '../../../src/core/recipe/recipe-hash.js';
import { recipeSchema, type Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { validateRecipe } from '../../../src/core/recipe/recipe-validate.js';

function recipe(binaries: unknown, baseImage = 'gentoo/stage3:amd64-openrc'): Recipe {
  const r = newRecipe({ name: 'x', base: baseImage, packages: ['app-misc/hello'] });
  return recipeSchema.parse({ ...r, binaries });
}

const problems = (r: Recipe) => validateRecipe(r).filter((p) => p.field.startsWith('binaries'));

describe('recipe binaries', () => {
  it('defaults to no binhost, compiling what is missing, and keeps the hash of recipes written before the field', () => {
    const r = newRecipe({ name: 'x', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] });
    expect(r.binaries).toEqual({ hosts: [], onMissing: 'compile' });
    const { binaries: _b, ...older } = r;
    expect(recipeHash(recipeSchema.parse(older))).toBe(recipeHash(r));
    expect(recipeHash(recipe({ hosts: [{ kind: 'gentoo', variant: 'x86-64' }] }))).not.toBe(recipeHash(r));
  });

  it('reads --binhost words and writes them back', () => {
    for (const word of ['gentoo', 'gentoo-v3', 'http://binhost.lan:8080/amd64/', 'lan-cache']) {
      const parsed = parseBinhostWord(word);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(binhostWord(parsed.source)).toBe(word);
    }
    expect(parseBinhostWord('ftp://x/')).toEqual({ ok: false, problem: '"ftp://x/" uses ftp://; only http:// and https:// binhosts are supported' });
    expect(parseBinhostWord('a b')).toEqual({ ok: false, problem: expect.stringMatching(/neither gentoo, gentoo-v3, an http\(s\) URL nor a served binhost's name/) });
  });

  it('refuses bad URLs, names, duplicates and the x86-64 variants on a non-amd64 base, naming the field', () => {
    const r = recipe({
      hosts: [
        { kind: 'url', url: 'http://h/a\nb' },
        { kind: 'url', url: 'https://user:pw@h/' },
        { kind: 'served', name: '-bad' },
        { kind: 'gentoo', variant: 'x86-64' },
        { kind: 'gentoo', variant: 'x86-64-v3' },
        { kind: 'url', url: 'http://ok/x' },
        { kind: 'url', url: 'http://ok/x/' },
      ],
    });
    expect(problems(r).map((p) => `${p.field}: ${p.problem}`)).toEqual([
      'binaries.hosts[0].url: contains the control character \\n',
      'binaries.hosts[0].url: "http://h/a\\nb" contains whitespace or a line break, which binrepos.conf cannot hold',
      'binaries.hosts[1].url: "https://user:pw@h/" carries a user name or password, which would be written into binrepos.conf and the image',
      'binaries.hosts[2].name: "-bad" is not a served binhost\'s name',
      "binaries.hosts[4]: Gentoo's official binhost is listed more than once (a base has one profile, so one variant)",
      'binaries.hosts[6]: http://ok/x/ is listed twice',
    ]);
    expect(problems(recipe({ hosts: [{ kind: 'gentoo', variant: 'x86-64-v3' }] }, 'gentoo/stage3:arm64-openrc'))[0]!.problem).toMatch(/built for amd64, and the base gentoo\/stage3:arm64-openrc is not an amd64 image/);
    expect(problems(recipe({ hosts: [{ kind: 'gentoo', variant: 'x86-64-v3' }] }))).toEqual([]);
  });

  it('refuses onMissing fail with no binary source at all', () => {
    const r = { ...recipe({ hosts: [], onMissing: 'fail' }), caches: { distfiles: true, binpkgs: false, ccache: false } };
    expect(problems(r).map((p) => p.field)).toEqual(['binaries.onMissing']);
  });
});
