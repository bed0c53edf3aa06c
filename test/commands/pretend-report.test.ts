// The pretend report with a forecast, on real Portage 3.0.82 output (a local cache; hello's USE changed).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { pretendReport } from '../../src/commands/pretend-report.js';
import { forecastPretend } from '../../src/core/forecast/forecast.js';
import { parsePackagesIndex } from '../../src/core/forecast/packages-index.js';
import { buildHistory } from '../../src/core/portage/eta/eta.js';
import { parsePretend } from '../../src/core/portage/pretend/pretend-parser.js';
import { pretendCommand } from '../../src/core/pretend/pretend-plan.js';
import { pretendVerdict } from '../../src/core/pretend/verdict.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import type { PretendRun } from '../../src/engine/pretend/run-pretend.js';

const file = (name: string) => readFileSync(new URL(`../fixtures/portage-transcripts/${name}`, import.meta.url), 'utf8');
const ARGV = ['emerge', '--pretend', '--verbose', '--jobs=2', '--usepkg', '--buildpkg', 'dev-lang/php', 'app-misc/hello'];

it('a FROM column, the forecast totals, and each compile that could have been a binary with why', () => {
  const recipe = newRecipe({ name: 'demo', base: 'gentoo/stage3', packages: ['dev-lang/php', 'app-misc/hello'] });
  const text = file('forecast-local-use-differs.txt');
  const result = parsePretend(text);
  const run: PretendRun = { result, text, exitCode: 0, elapsedMs: 1, verdict: pretendVerdict(result, text, 0, recipe), command: pretendCommand(recipe) };
  const forecast = forecastPretend({ result, text, argv: ARGV, history: buildHistory([]), localIndex: parsePackagesIndex(file('forecast-local-Packages.txt')), remoteIndexes: [] });
  const report = pretendReport(run, recipe, 100, forecast);
  expect(report).toMatch(/^FROM +STATUS +PACKAGE +VERSION +USE CHANGES +SIZE$/m);
  expect(report).toMatch(/^pkg +bin N +dev-libs\/oniguruma +6\.9\.9/m);
  expect(report).toMatch(/^src +N +app-misc\/hello +2\.12\.1/m);
  expect(report).toContain('Forecast: 3 binaries, 1 compile, about 2 min (--jobs 2)\n');
  expect(report).toContain('  app-misc/hello-2.12.1: source (USE differs)\n    a binary of app-misc/hello-2.12.1 exists, built with USE="nls"; this build wants USE="-nls"\n');
  // Without binaries to take, the compiles are counted, not listed one by one.
  const none = forecastPretend({ result, text: '', argv: ARGV, history: buildHistory([]), localIndex: { header: {}, packages: [] }, remoteIndexes: [] });
  expect(pretendReport(run, recipe, 100, none)).toContain('  every compile has no binary package to take\n');
  // Without a forecast the report is as before.
  expect(pretendReport(run, recipe, 100)).toMatch(/^STATUS +PACKAGE/m);
});
