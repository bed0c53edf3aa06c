// `gentoo-wb pretend` as a user runs it (the built CLI), on real Portage: the real-Portage base, the snapshot
// image of the test repository. Each change Portage can ask for (USE on a dependency, keyword, mask, licence)
// is requested (exit 1), written by --apply, accepted (exit 0), and the recipe then builds; the fetch-restricted
// package instead says that its files must be downloaded by hand.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PretendResult } from '../../src/core/portage/pretend/pretend-types.js';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { recipeSchema, type BuildModeKind } from '../../src/core/recipe/recipe-schema.js';
import { runCli, type CliResult } from '../helpers/cli.js';
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

/** The build environment of the tests: compile phases without their pause. */
const FAST = { GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=0' };
const BUILD_MS = 600_000;
/** A pretend alone takes seconds; beside the builds of this file's other tests, on two cores, much longer. */
const PRETEND_MS = 240_000;

function pretendCli(args: string[]) {
  return runCli(['pretend', ...args], { timeoutMs: PRETEND_MS });
}

function recipeFile(file: string): Recipe {
  return JSON.parse(readFileSync(file, 'utf8')) as Recipe;
}

/**
 * pretend (exit 1, the change named; `firstRun` when the caller ran it already), --apply (the recipe field
 * written, then Portage asked again: exit 0, the list accepted). The caller then checks the written field
 * and builds from the file, which reads it back from disk: a further plain pretend of the file would
 * repeat the --apply's second emerge.
 */
async function requestApplyAccept(file: string, reportLine: string, appliedLine: string, firstRun?: CliResult): Promise<void> {
  const first = firstRun ?? (await pretendCli([file]));
  expect(first.code, first.stderr + first.stdout).toBe(1);
  expect(first.stdout).toContain(reportLine);
  expect(first.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Portage needs \d configuration changes? first/);
  const applied = await pretendCli([file, '--apply']);
  expect(applied.stderr).toContain(appliedLine);
  expect(applied.stderr).toContain(`pretend: wrote ${file}; checking again`);
  expect(applied.code, applied.stderr + applied.stdout).toBe(0);
  expect(applied.stdout).not.toContain('Changes Portage asks for');
  expect(applied.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Portage accepts the list: \d+ packages? to merge$/);
}

/** `gentoo-wb build --plain` of the recipe file: exit 0 and each package merged. */
async function expectBuilds(file: string, packages: string[]): Promise<void> {
  const build = await runCli(['build', file, '--plain'], { env: FAST, timeoutMs: BUILD_MS });
  const said = `${build.stdout}${build.stderr}`;
  expect(said, said).toMatch(/result +success/);
  expect(build.code).toBe(0);
  for (const cpv of packages) expect(said).toMatch(new RegExp(`done +\\(\\d+ of \\d+\\) ${cpv.replace(/[.+]/g, '\\$&')}$`, 'm'));
}


// Each test has its recipe files of its own: they run side by side (a build's pretend, emerge and commit
// overlap another's waits), so a run of this file takes about as long as its longest test.
describeDocker('gentoo-wb pretend on real Portage', () => {
  beforeAll(() => realPortageImages());

  it.concurrent('exit 0 and the merge list as a table for a mergeable recipe; --json prints the parsed result', async () => {
    const file = writeRecipe('php', ['dev-lang/php']);
    const text = await pretendCli([file]);
    expect(text.code, text.stderr + text.stdout).toBe(0);
    expect(text.stdout).toMatch(/^FROM +STATUS +PACKAGE +VERSION +USE CHANGES +SIZE$/m);
    // The test run's binary package cache may hold php from other suites: a binary or a compile.
    expect(text.stdout).toMatch(/^(?:src|pkg) +N +dev-lang\/php +8\.3\.15 +0 KiB$/m);
    expect(text.stdout).toMatch(/^Forecast: \d+ binar(?:y|ies), \d+ compiles?, (?:about|a few) /m);
    expect(text.stdout).toContain('Total: 3 packages (3 new), downloads 0 KiB');
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('Portage accepts the list: 3 packages to merge');
    const json = await pretendCli([file, '--json']);
    expect(json.code, json.stderr + json.stdout).toBe(0);
    const result = JSON.parse(json.stdout) as PretendResult;
    expect(result.packages.map((p) => p.name)).toEqual(['oniguruma', 'libxml2', 'php']);
    expect(result.total?.packages).toBe(3);
    // The forecast (issue 13's names): per package, and the totals.
    const doc = JSON.parse(json.stdout) as PretendResult & { packages: { forecast: { from: string; seconds: number } }[]; forecast: { totalSeconds: number; binaries: number; compiles: number } };
    for (const p of doc.packages) expect(['local', 'source']).toContain(p.forecast.from);
    expect(doc.forecast.binaries + doc.forecast.compiles).toBe(3);
    expect(doc.forecast.totalSeconds).toBeGreaterThan(0);
  }, PRETEND_MS);

  it.concurrent('a USE change on a dependency (hurl needs curl[http2]): exit 1 naming it; --apply writes package.use, pretend passes, the build succeeds', async () => {
    const file = writeRecipe('hurl', ['net-misc/hurl']);
    // The JSON and the text report of the unchanged recipe side by side (both only read it), before --apply writes it.
    const [out, first] = await Promise.all([pretendCli([file, '--json']), pretendCli([file])]);
    const json = JSON.parse(out.stdout) as PretendResult;
    expect(json.changes.map((c) => c.line), out.stdout).toEqual(['>=net-misc/curl-8.11.1 http2']);
    await requestApplyAccept(file,
      'package.use: >=net-misc/curl-8.11.1 http2   (required by net-misc/hurl-6.0::gentoo)',
      'pretend: package.use: >=net-misc/curl-8.11.1 http2 (added)', first);
    expect(recipeFile(file).packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    await expectBuilds(file, ['net-libs/nghttp2-1.62.1', 'dev-libs/openssl-3.3.2-r2', 'net-misc/curl-8.11.1', 'net-misc/hurl-6.0']);
  }, BUILD_MS);

  it.concurrent('a keyword change (php:8.4 is ~amd64): --apply writes package.accept_keywords, pretend passes, the build succeeds', async () => {
    const file = writeRecipe('php84', ['dev-lang/php:8.4']);
    await requestApplyAccept(file,
      'package.accept_keywords: =dev-lang/php-8.4.2 ~amd64   (required by dev-lang/php:8.4 (argument))',
      'pretend: package.accept_keywords: =dev-lang/php-8.4.2 ~amd64 (added)');
    expect(recipeFile(file).packageAcceptKeywords).toEqual([{ atom: '=dev-lang/php-8.4.2', keywords: ['~amd64'] }]);
    await expectBuilds(file, ['dev-lang/php-8.4.2']);
  }, BUILD_MS);

  it.concurrent('a masked version (=dev-lang/php-8.5.0_alpha1): --apply writes package.unmask (and its keyword), pretend passes, the build succeeds', async () => {
    const file = writeRecipe('php85', ['=dev-lang/php-8.5.0_alpha1']);
    await requestApplyAccept(file,
      'package.unmask: =dev-lang/php-8.5.0_alpha1   (required by =dev-lang/php-8.5.0_alpha1 (argument))',
      'pretend: package.unmask: =dev-lang/php-8.5.0_alpha1 (added)');
    const written = recipeFile(file);
    expect(written.packageUnmask).toEqual(['=dev-lang/php-8.5.0_alpha1']);
    // The alpha is also ~amd64: Portage asks for both at once.
    expect(written.packageAcceptKeywords).toEqual([{ atom: '=dev-lang/php-8.5.0_alpha1', keywords: ['~amd64'] }]);
    await expectBuilds(file, ['dev-lang/php-8.5.0_alpha1']);
  }, BUILD_MS);

  it.concurrent('a licence (proprietary-tool): --apply writes package.license; then its fetch restriction says to download by hand (exit 1), and the build fails saying so', async () => {
    const file = writeRecipe('proprietary', ['app-misc/proprietary-tool']);
    const first = await pretendCli([file]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('package.license: >=app-misc/proprietary-tool-1.0 Proprietary-EULA   (required by app-misc/proprietary-tool (argument))');
    expect(first.stdout.trimEnd().split('\n').at(-1)).toBe('Portage needs 1 configuration change first (apply them to the recipe)');
    const applied = await pretendCli([file, '--apply']);
    expect(applied.stderr).toContain('pretend: package.license: >=app-misc/proprietary-tool-1.0 Proprietary-EULA (added)');
    expect(recipeFile(file).packageLicense).toEqual([{ atom: '>=app-misc/proprietary-tool-1.0', licenses: ['Proprietary-EULA'] }]);
    // Portage accepts the list now, but the file is in no distfiles cache: the build would fail fetching it.
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/^src +NF +app-misc\/proprietary-tool +1\.0 /m);
    expect(applied.stdout).toContain('Fetch Restriction: 1 package (1 unsatisfied)');
    expect(applied.stdout).not.toContain('Changes Portage asks for');
    expect(applied.stdout).toContain(`  x app-misc/proprietary-tool-1.0 must be downloaded by hand: copy its files into the distfiles cache volume gentoo-wb-${process.env.GENTOO_WB_NAMESPACE}-distfiles (where to get them: Portage's instructions), then pretend again`);
    expect(applied.stdout).toContain('       * Please download proprietary-tool-1.0-linux-x86_64.tar.gz from');
    expect(applied.stdout.trimEnd().split('\n').at(-1)).toBe('Files to download by hand first: app-misc/proprietary-tool-1.0 (fetch-restricted)');
    const json = JSON.parse((await pretendCli([file, '--json'])).stdout) as PretendResult;
    expect(json.changes).toEqual([]);
    expect(json.total?.fetchRestriction).toEqual({ packages: 1, unsatisfied: 1 });
    // Building anyway fails at the fetch, with Portage's instructions in the failure.
    const build = await runCli(['build', file, '--plain'], { env: FAST, timeoutMs: BUILD_MS });
    const said = `${build.stdout}${build.stderr}`;
    expect(build.code).toBe(1);
    expect(said).toMatch(/FAILED +app-misc\/proprietary-tool-1\.0/);
    expect(said).toContain('!!! app-misc/proprietary-tool-1.0 has fetch restriction turned on.');
    expect(said).toContain('* Please download proprietary-tool-1.0-linux-x86_64.tar.gz from');
  }, BUILD_MS);

  it.concurrent('exit 1 and the reason in words for a blocker and for a missing package', async () => {
    const blocked = await pretendCli([writeRecipe('libressl', ['dev-libs/libressl', 'net-misc/curl'])]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('x dev-libs/libressl blocks dev-libs/openssl: both cannot be installed; remove one of them from the recipe');
    expect(blocked.stdout).toContain('Portage refuses: dev-libs/libressl blocks dev-libs/openssl');
    const missing = await pretendCli([writeRecipe('missing', ['app-misc/doesnotexist'])]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('emerge: there are no ebuilds to satisfy "app-misc/doesnotexist".');
    expect(missing.stdout).toContain('Portage refuses: No package matches app-misc/doesnotexist');
  }, PRETEND_MS);

  it.concurrent('scratch mode shows what goes into ROOT=/destination', async () => {
    const scratch = await pretendCli([writeRecipe('scratch', ['net-misc/curl'], 'scratch')]);
    expect(scratch.code).toBe(0);
    // Packages of other tests' builds may come from the run's binary package cache (STATUS "bin N").
    expect(scratch.stdout).toMatch(/^(?:src|pkg) +(?:bin )?N +net-misc\/curl +8\.11\.1 +to \/destination\/ +0 KiB$/m);
    expect(scratch.stdout).toMatch(/^(?:src|pkg) +(?:bin )?N +dev-libs\/openssl +3\.3\.2-r2 +to \/ +0 KiB$/m);
  }, PRETEND_MS);
});
