// The pure parts of the Build screen: rows with ETAs, phases from build.log lines, readiness,
// the plan summary, formatting, and ETA history read from build records on disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_PROGRESS, reduceProgress } from '../../../../src/core/build/progress.js';
import type { BuildEvent } from '../../../../src/core/events.js';
import { buildHistory, estimatePackageSeconds } from '../../../../src/core/portage/eta/eta.js';
import { recordsAsMerges } from '../../../../src/core/build/build-record.js';
import { loadBuildHistory } from '../../../../src/ui/screens/build/build-history.js';
import { planSummary } from '../../../../src/ui/screens/build/build-summary.js';
import { failedPhase } from '../../../../src/ui/screens/build/failure-panel.js';
import { bar } from '../../../../src/core/format/bar.js';
import { formatDuration, formatLoad } from '../../../../src/ui/screens/build/format.js';
import { ALL_OUTPUT, buildElapsed, packageRows } from '../../../../src/ui/screens/build/package-rows-model.js';
import { buildReadiness } from '../../../../src/ui/screens/build/readiness.js';
import { phaseOfBuildLogLine } from '../../../../src/core/portage/build-stream/build-log-phase.js';
import { createWorkbenchStore } from '../../../../src/ui/session/workbench-store.js';
import { CONNECTION, recipeFor, recordWith } from './harness.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-build-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = 1_800_000_000_000;
function progressOf(events: BuildEvent[]) {
  return events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
}

describe('packageRows', () => {
  const progress = progressOf([
    { type: 'started', cpv: 'dev-libs/expat-2.6.4', index: 1, total: 4, binary: false, t: T0 },
    { type: 'started', cpv: 'dev-util/brokentool-0.9', index: 2, total: 4, binary: false, t: T0 + 1000 },
    { type: 'started', cpv: 'app-misc/hello-2.12.1', index: 3, total: 4, binary: true, t: T0 + 2000 },
    { type: 'failed', cpv: 'dev-util/brokentool-0.9', t: T0 + 9000 },
    { type: 'completed', cpv: 'app-misc/hello-2.12.1', index: 3, total: 4, t: T0 + 5000 },
  ]);
  const history = buildHistory(recordsAsMerges([recordWith({ 'dev-libs/expat-2.6.3': 30 })]));

  it('lists all output first, then running, then failed packages; finished ones only when kept', () => {
    const rows = packageRows(progress, history, T0 + 20_000);
    expect(rows.map((r) => r.key)).toEqual([ALL_OUTPUT, 'dev-libs/expat-2.6.4', 'dev-util/brokentool-0.9']);
    expect(packageRows(progress, history, T0 + 20_000, 'app-misc/hello-2.12.1').map((r) => r.key)).toEqual([ALL_OUTPUT, 'dev-libs/expat-2.6.4', 'dev-util/brokentool-0.9', 'app-misc/hello-2.12.1']);
  });

  it('gives running packages elapsed, fraction and time left from history, ended ones their duration only', () => {
    const [, expat, broken] = packageRows(progress, history, T0 + 20_000);
    expect(expat).toMatchObject({ kind: 'package', state: 'running', elapsed: 20, fraction: 20 / 30, left: 10, estimate: { seconds: 30, source: 'history', samples: 1 } });
    expect(broken).toMatchObject({ state: 'failed', elapsed: 8, fraction: null, left: null });
    // Longer than estimated: the bar stops short of full, the time left goes negative.
    const [, late] = packageRows(progress, history, T0 + 45_000);
    expect(late).toMatchObject({ fraction: 0.99, left: -15 });
  });

  it('falls back to the estimator\'s default without history', () => {
    const [, expat] = packageRows(progress, buildHistory([]), T0 + 20_000);
    const fallback = estimatePackageSeconds(buildHistory([]), { cpv: 'a/b-1' }).seconds;
    expect(expat).toMatchObject({ estimate: { seconds: fallback, source: 'default' }, left: fallback - 20 });
  });

  it('takes the phase read from build.log over the stream\'s guess for running packages', () => {
    const rows = packageRows(progress, history, T0 + 20_000, null, new Map([['dev-libs/expat-2.6.4', 'compile' as const]]));
    expect(rows[1]).toMatchObject({ phase: 'compile' });
  });

  it('times the build to now while it runs and to its last event once it ended', () => {
    expect(buildElapsed(progress, true, T0 + 60_000)).toBe(60);
    // The last event folded in (the completion at 5 s), not the latest time seen.
    expect(buildElapsed(progress, false, T0 + 60_000)).toBe(5);
    expect(buildElapsed(EMPTY_PROGRESS, true, T0)).toBeNull();
  });
});

describe('phases from build.log lines', () => {
  it('reads Portage\'s phase lines; a finished phase means the next one runs', () => {
    expect(phaseOfBuildLogLine('>>> Compiling source in /var/tmp/portage/dev-lang/php-8.3.15/work/php-8.3.15 ...')).toBe('compile');
    expect(phaseOfBuildLogLine('>>> Source compiled.')).toBe('test');
    expect(phaseOfBuildLogLine('>>> Configuring source in /w ...')).toBe('configure');
    expect(phaseOfBuildLogLine('>>> Install dev-lang/php-8.3.15 into /var/tmp/portage/dev-lang/php-8.3.15/image')).toBe('install');
    expect(phaseOfBuildLogLine('make -j4')).toBeNull();
  });
  it('finds the failed phase in die()\'s words before the stream\'s guess', () => {
    expect(failedPhase([' * ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):', ' *   emake failed'], 'fetch')).toBe('compile');
    expect(failedPhase([], 'fetch')).toBe('fetch');
    expect(failedPhase(null, null)).toBeNull();
  });
});

describe('buildReadiness', () => {
  it('needs a valid recipe and a ready engine, and no build running', () => {
    const store = createWorkbenchStore({ engine: { status: 'ready', connection: CONNECTION } });
    expect(buildReadiness(store.getState())).toMatchObject({ ok: false, reason: expect.stringContaining('no recipe is open') });
    store.setRecipe(recipeFor(['dev-lang/php']));
    expect(buildReadiness(store.getState())).toMatchObject({ ok: true, connection: CONNECTION });
    store.update((s) => ({ ...s, engine: { status: 'connecting' } }));
    expect(buildReadiness(store.getState())).toEqual({ ok: false, reason: 'still connecting to the container engine; try again in a moment' });
    store.update((s) => ({ ...s, engine: { status: 'ready', connection: CONNECTION }, build: { id: 'b1', progress: EMPTY_PROGRESS, outcome: 'running', message: null } }));
    expect(buildReadiness(store.getState())).toEqual({ ok: false, reason: 'build b1 is still running; one build at a time' });
  });
});

describe('planSummary', () => {
  it('lists the steps in the container and the finishing steps', () => {
    expect(planSummary(recipeFor(['dev-lang/php']), null, null)).toEqual({ ok: true, steps: ['emerge dev-lang/php'], finish: ['Commit the container as the image'] });
  });
  it('says why there is no plan for a mode without a planner', () => {
    const recipe = { ...recipeFor(['dev-lang/php']), mode: { kind: 'stage4' as const, march: 'native', optimize: '-O2' as const, passes: 1 as const, allowPtrace: false } };
    const summary = planSummary(recipe, null, null);
    // Modes arrive one by one; until then the plan says so instead of failing at build time.
    if (!summary.ok) expect(summary.problem).toContain('stage4');
    else expect(summary.steps.length).toBeGreaterThan(0);
  });
});

describe('formatting', () => {
  it('formats durations, load and bars', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75.9)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatLoad([1.06, 1.2, 13])).toBe('1.06 1.20 13.00');
    expect(formatLoad(null)).toBe('?');
    expect(bar(0.42, 10, '#', '.')).toBe('####......');
    expect(bar(1.5, 4, '#', '.')).toBe('####');
  });
});

describe('loadBuildHistory', () => {
  it('reads every build record under XDG_STATE_HOME into ETA history', async () => {
    for (const [id, seconds] of [['b-old', 100], ['b-new', 140]] as const) {
      const folder = path.join(dir, 'gentoo-wb', 'builds', id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'record.json'), JSON.stringify(recordWith({ 'dev-lang/php-8.3.14': seconds })));
    }
    mkdirSync(path.join(dir, 'gentoo-wb', 'builds', 'b-running'), { recursive: true });
    const history = await loadBuildHistory({ XDG_STATE_HOME: dir });
    expect(history.source.get('dev-lang/php')).toEqual(expect.arrayContaining([100, 140]));
    expect((await loadBuildHistory({ XDG_STATE_HOME: path.join(dir, 'nothing') })).all).toEqual([]);
  });
});
