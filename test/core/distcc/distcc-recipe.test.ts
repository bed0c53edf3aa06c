import { describe, expect, it } from 'vitest';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { recipeHash } from '../../../src/core/recipe/recipe-hash.js';
import { parseRecipe } from '../../../src/core/recipe/recipe-json.js';
import { recipeSchema, type Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { validateRecipe } from '../../../src/core/recipe/recipe-validate.js';

function recipe(extra: Record<string, unknown>): Recipe {
  return recipeSchema.parse({ ...newRecipe({ name: 'x', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] }), ...extra });
}

const problems = (r: Recipe) => validateRecipe(r).filter((p) => p.field === 'engine' || p.field.startsWith('distcc'));

describe('recipe engine and distcc fields', () => {
  it('are absent by default, take defaults (1 helper per engine, no local jobs), and leave the recipe hash alone', () => {
    const plain = recipe({});
    expect(plain.engine).toBeUndefined();
    expect(plain.distcc).toBeUndefined();
    const r = recipe({ engine: 'build-a', distcc: { engines: ['second', 'local'] } });
    expect(r.distcc).toEqual({ engines: ['second', 'local'], helpers: 1, localJobs: 0 });
    expect(problems(r)).toEqual([]);
    // Where a build runs and who helps compile change neither the packages nor the image.
    expect(recipeHash(r)).toBe(recipeHash(plain));
  });

  it('refuses names no engine can have, duplicates and an empty list, naming the field', () => {
    const r = recipe({ engine: 'Build A', distcc: { engines: ['second', 'BAD name', 'second'] } });
    expect(problems(r)).toEqual([
      { field: 'engine', problem: '"Build A" is not an engine name (1 to 63 lower-case letters, digits, ".", "_" or "-"; or "local" for the default endpoint)', hint: expect.stringContaining('engines list') },
      { field: 'distcc.engines[1]', problem: expect.stringContaining('"BAD name" is not an engine name'), hint: expect.any(String) },
      { field: 'distcc.engines[2]', problem: '"second" is listed twice', hint: expect.stringContaining('distcc.helpers') },
    ]);
    expect(problems(recipe({ distcc: { engines: [] } }))).toEqual([{ field: 'distcc.engines', problem: 'names no engine to run distccd helpers on', hint: expect.any(String) }]);
  });

  it('refuses a helper count out of range and a wrong type in the file, by field', () => {
    const base = JSON.parse(JSON.stringify(recipe({}))) as Record<string, unknown>;
    const zero = parseRecipe(JSON.stringify({ ...base, distcc: { engines: ['local'], helpers: 0 } }));
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.problems.map((p) => p.field)).toContain('distcc.helpers');
    const notList = parseRecipe(JSON.stringify({ ...base, distcc: { engines: 'second' } }));
    expect(notList.ok).toBe(false);
    if (!notList.ok) expect(notList.problems.map((p) => p.field)).toContain('distcc.engines');
  });
});
