// The forecast on the Pretend screen at 80x24, from a real Portage 3.0.82 transcript (a local binary
// cache, hello's USE changed: test/fixtures/portage-transcripts/forecast-local-use-differs.*).
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { forecastPretend } from '../../../../src/core/forecast/forecast.js';
import { parsePackagesIndex } from '../../../../src/core/forecast/packages-index.js';
import { buildHistory, type BuildHistory } from '../../../../src/core/portage/eta/eta.js';
import { parsePretend } from '../../../../src/core/portage/pretend/pretend-parser.js';
import { pretendCommand } from '../../../../src/core/pretend/pretend-plan.js';
import { pretendVerdict } from '../../../../src/core/pretend/verdict.js';
import type { ForecastedRun } from '../../../../src/ui/screens/pretend/pretend-context.js';
import { openPretend, recipeFor, type Harness } from './harness.js';

const file = (name: string) => readFileSync(new URL(`../../../fixtures/portage-transcripts/${name}`, import.meta.url), 'utf8');
const recipe = recipeFor(['dev-lang/php', 'app-misc/hello']);

function forecastRun(history: BuildHistory): ForecastedRun {
  const text = file('forecast-local-use-differs.txt');
  const result = parsePretend(text);
  const command = pretendCommand(recipe);
  const argv = ['emerge', '--pretend', '--verbose', '--jobs=2', '--usepkg', '--buildpkg', 'dev-lang/php', 'app-misc/hello'];
  const forecast = forecastPretend({ result, text, argv, history, localIndex: parsePackagesIndex(file('forecast-local-Packages.txt')), remoteIndexes: [] });
  return { result, text, exitCode: 0, elapsedMs: 800, verdict: pretendVerdict(result, text, 0, recipe), command, forecast };
}

let h: Harness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const rowOf = (frame: string, text: string) => frame.split('\n').slice(2).find((l) => l.includes(text)) ?? '';

it('at 80x24: a FROM column (pkg for the cached binaries, src for hello), the forecast totals, and the reason in the detail', async () => {
  const history = buildHistory([{ cpv: 'app-misc/hello-2.12.1', start: 1000, end: 1225, ok: true, index: 1, total: 1, root: '/', binary: false, session: null }]);
  h = await openPretend({ recipe, answer: () => forecastRun(history) });
  const frame = await h.tui.waitForFrame((f) => f.includes('Portage accepts'));
  expect(frame).toMatch(/^ {2}FROM ST +PACKAGE +VERSION +USE CHANGES +SIZE/m);
  expect(rowOf(frame, 'dev-libs/oniguruma')).toMatch(/^. pkg +bin N +dev-libs\/oniguruma +6\.9\.9/);
  expect(rowOf(frame, 'app-misc/hello')).toMatch(/^. src +N +app-misc\/hello +2\.12\.1/);
  // Portage's totals, then the forecast's: hello's 225 s from its earlier build beside the three binaries.
  expect(frame).toContain('  Total: 4 packages (4 new, 3 binaries), downloads 0 KiB\n');
  expect(frame).toContain('  Forecast: 3 binaries, 1 compile, about 4 min (--jobs 2)\n');
  for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

  await h.tui.press('j', 'enter');
  const detail = h.tui.frame();
  expect(detail).toContain('source (USE differs) · about 4 min (from 1 earlier build)');
  expect(detail.replace(/\s+/g, ' ')).toContain('a binary of app-misc/hello-2.12.1 exists, built with USE="nls"; this build wants USE="-nls"');
  for (const line of detail.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
});

it('a run without a forecast keeps the table as it was (no FROM column, one totals row)', async () => {
  const run = { ...forecastRun(buildHistory([])), forecast: null };
  h = await openPretend({ recipe, answer: () => run });
  const frame = await h.tui.waitForFrame((f) => f.includes('Portage accepts'));
  expect(frame).toMatch(/^ {2}ST +PACKAGE/m);
  expect(frame).not.toContain('Forecast:');
});
