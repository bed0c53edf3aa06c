// Input refused up front (recipe validation, before any work): control characters, oversized
// labels, malformed digests and registries, 400,000 atoms, a byte order mark, JSON errors with a
// line and column.
import { describe, expect, it } from 'vitest';
import { describeJsonError } from '../../../src/core/recipe/json-error.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { parseRecipe, serializeRecipe } from '../../../src/core/recipe/recipe-json.js';
import { imageRefProblem, validateRecipe } from '../../../src/core/recipe/recipe-validate.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';

const recipe = () => newRecipe({ name: 'limits', base: 'gentoo/stage3:latest', packages: ['app-misc/hello'] });
const fields = (r: ReturnType<typeof recipe>) => validateRecipe(r).map((p) => p.field);

describe('recipe limits', () => {
  it('refuses control characters in workdir, user, env and label names and values', () => {
    const r = recipe();
    r.image.workdir = '/app\n';
    r.image.user = 'root\r';
    r.image.env = { 'A\u001b': 'x', B: 'line\nbreak' };
    r.image.labels = { title: '\u001b]0;pwned\u0007', 'k\u009b': 'v' };
    const problems = validateRecipe(r);
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['image.workdir', 'image.user', 'image.env.A\\x1b', 'image.env.B', 'image.labels.title', 'image.labels.k\\x9b']));
    expect(problems.find((p) => p.field === 'image.labels.title')?.problem).toBe('contains the control character \\x1b');
    // Nothing raw in any message.
    expect(JSON.stringify(problems.map((p) => [p.field, p.problem]))).not.toMatch(/\\u001b|\\u009b/);
  });

  it('keeps tabs in values and line breaks in command arguments', () => {
    const r = recipe();
    r.makeConf.CFLAGS = '-O2\t-pipe';
    r.image.cmd = ['sh', '-c', 'echo a\necho b'];
    expect(validateRecipe(r)).toEqual([]);
  });

  it('refuses a label value over 8 KiB and labels over 64 KiB together', () => {
    const r = recipe();
    r.image.labels = { big: 'x'.repeat(8 * 1024 + 1) };
    expect(validateRecipe(r)).toEqual([expect.objectContaining({ field: 'image.labels.big', problem: expect.stringContaining('at most 8192') })]);
    r.image.labels = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`l${i}`, 'y'.repeat(8000)]));
    expect(fields(r)).toEqual(['image.labels']);
  });

  it('refuses a malformed base digest and registry host', () => {
    const r = recipe();
    r.base.digest = 'sha256:abc';
    expect(fields(r)).toEqual(['base.digest']);
    r.base.digest = `sha256:${'a'.repeat(64)}`;
    expect(validateRecipe(r)).toEqual([]);
    expect(imageRefProblem('reg.example:port/x:1', false)).toMatch(/invalid registry/);
    expect(imageRefProblem('localhost:5000/x:1', false)).toBeNull();
  });

  it('caps the atom count with a clear message, and a huge list no longer overflows the stack', () => {
    const r = recipe();
    r.packages = Array.from({ length: 400_000 }, (_, i) => `app-misc/p${i}`);
    const parsed = parseRecipe(serializeRecipe(r));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toEqual([expect.objectContaining({ field: 'packages', problem: '400000 entries; at most 10000 are allowed' })]);
    const plan = planBuild({ recipe: r, sandbox: { unshare: true }, base: { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: null } } as Parameters<typeof planBuild>[0]);
    expect(plan.ok).toBe(true);
  });

  it('accepts a UTF-8 byte order mark and locates JSON errors by line and column', () => {
    expect(parseRecipe(`\uFEFF${serializeRecipe(recipe())}`).ok).toBe(true);
    const bad = parseRecipe('{\n  "version": 1,\n  "name": x\n}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]?.problem).toBe('not valid JSON at line 3, column 11: unexpected "x"');
    expect(describeJsonError('{"a": [1, 2')).toBe('line 1, column 12: unexpected end of file');
    expect(describeJsonError('{"a": "\u001b"}')).toBe('line 1, column 8: unexpected "\\u001b"');
    // Valid JSON has no error before its end (the scanner agrees with JSON.parse).
    for (const ok of ['{}', '[]', ' {"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]} ', '"s"', '0']) expect(describeJsonError(ok)).toBe(`line 1, column ${ok.length + 1}: unexpected end of file`);
    for (const [text, at] of [['{"a":1,}', 7], ['[1 2]', 3], ['01', 1], ['{"a"}', 4], ['', 0], ['[' .repeat(100_000), 100_000]] as const) {
      expect(describeJsonError(text)).toBe(`line 1, column ${at + 1}: ${at < text.length ? `unexpected ${JSON.stringify(text[at])}` : 'unexpected end of file'}`);
    }
  });
});
