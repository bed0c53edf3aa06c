// make.conf values mean exactly what was entered, for both readers: a shell sourcing the file (no
// `$(…)` or backtick runs) and Portage's own getconfig (from the pinned Portage wheel). `${VAR}`
// references stay live; what the two readers cannot agree on is refused by validation.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMakeConf, quoteMakeConfValue } from '../../../src/core/recipe/render-portage-files.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { validateRecipe } from '../../../src/core/recipe/recipe-validate.js';
import { portageWheel } from '../../fixtures/portage-image/build-image.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-make-conf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const marker = path.join(dir, 'pwned');

// [entered, what both readers must see] with A="x" defined first.
/** What validation says of a make.conf value (null when nothing). */
function makeConfQuotingProblem(value: string): string | null {
  const recipe = newRecipe({ name: 'x', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] });
  return validateRecipe({ ...recipe, makeConf: { MY_VAR: value } }).find((p) => p.field === 'makeConf.MY_VAR')?.problem ?? null;
}

const CASES: [string, string][] = [
  ['-O2 -pipe', '-O2 -pipe'],
  ['${A} -g', 'x -g'],
  ['$A$A', 'xx'],
  [`pre $(touch ${marker}) post`, `pre $(touch ${marker}) post`],
  ['$((1+2)) $$ $1 ${} ${A:-d} a$', '$((1+2)) $$ $1 ${} ${A:-d} a$'],
  ['"quoted" it\'s', '"quoted" it\'s'],
  ['a\\b a\\ \\"', 'a\\b a\\ \\"'],
  ['tab\there #x', 'tab\there #x'],
];

function portagePath(): string | null {
  try {
    const wheel = portageWheel();
    const target = path.join(dir, 'portage');
    execFileSync('python3', ['-m', 'zipfile', '-e', wheel, target]);
    return existsSync(path.join(target, 'portage')) ? target : null;
  } catch {
    return null;
  }
}

describe('make.conf quoting', () => {
  const file = path.join(dir, 'make.conf');
  writeFileSync(file, renderMakeConf({ A: 'x', ...Object.fromEntries(CASES.map(([v], i) => [`V${i}`, v])) }));

  it('escapes command substitution and keeps ${VAR} live', () => {
    expect(quoteMakeConfValue('${CFLAGS} $(id) `id` $$')).toBe('"${CFLAGS} \\$(id) \\`id\\` \\$\\$"');
    for (const [entered] of CASES) expect(makeConfQuotingProblem(entered)).toBeNull();
  });

  it('a shell sourcing the file gets the values as entered and runs nothing', () => {
    const out = execFileSync('bash', ['-c', `set -a; . "$1"; for i in ${CASES.map((_, i) => i).join(' ')}; do eval "printf '%s\\0' \\"\\$V$i\\""; done`, 'bash', file]).toString();
    expect(out.split('\0').slice(0, -1)).toEqual(CASES.map(([, seen]) => seen));
    expect(existsSync(marker)).toBe(false);
  });

  const portage = portagePath();
  it.skipIf(portage === null || spawnSync('python3', ['--version']).status !== 0)('Portage\'s getconfig reads the same values', () => {
    const json = execFileSync('python3', ['-c', 'import json, sys; from portage.util import getconfig; print(json.dumps(getconfig(sys.argv[1], expand=True)))', file], { env: { ...process.env, PYTHONPATH: portage ?? '' } }).toString();
    const values = JSON.parse(json) as Record<string, string>;
    expect(CASES.map((_, i) => values[`V${i}`])).toEqual(CASES.map(([, seen]) => seen));
  });

  it('refuses what the two readers would read differently', () => {
    expect(makeConfQuotingProblem('x`id`')).toMatch(/backtick/);
    expect(makeConfQuotingProblem('a\\\\b')).toMatch(/unescape differently/);
    expect(makeConfQuotingProblem('\\$A')).toMatch(/unescape differently/);
    expect(makeConfQuotingProblem("it's ${A}")).toMatch(/single quote/);
  });
});
