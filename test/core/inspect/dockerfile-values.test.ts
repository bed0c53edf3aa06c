// Values from the recipe never change the meaning of the generated Dockerfile: a trailing
// backslash (line continuation), `$` (expansion) and quotes are written so BuildKit reads them back
// as typed; what no Dockerfile can hold (a line break) is refused.
import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../src/core/inspect/dockerfile/generate-dockerfile.js';
import { quoteValue, wordArray, wordValue } from '../../../src/core/inspect/dockerfile/dockerfile-text.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';

describe('Dockerfile values', () => {
  it('quotes USER, WORKDIR and VOLUME items that are not plain words; plain ones stay bare', () => {
    expect(wordValue('portage')).toBe('portage');
    expect(wordValue('/srv')).toBe('/srv');
    expect(wordValue('root\\')).toBe('"root\\\\"');
    expect(wordValue('/a b/$HOME')).toBe('"/a b/\\$HOME"');
    expect(wordArray(['/data', '/v\\'])).toBe('["/data","\\"/v\\\\\\\\\\""]');
    expect(() => quoteValue('a\nb')).toThrow(/line break/);
  });

  it('a trailing backslash in user and workdir stays inside its instruction', () => {
    const r = newRecipe({ name: 'vals', base: 'gentoo/stage3:latest', packages: ['app-misc/hello'] });
    r.image.user = 'root\\';
    r.image.workdir = '/app\\';
    r.image.labels = { note: 'x\\' };
    const lines = generateDockerfile({ recipe: r, plan: null, toolVersion: '0.1.0' }).split('\n');
    expect(lines).toContain('USER "root\\\\"');
    expect(lines).toContain('WORKDIR "/app\\\\"');
    expect(lines).toContain('LABEL note="x\\\\"');
    expect(lines.at(-2)).not.toMatch(/\\$/);
  });
});
