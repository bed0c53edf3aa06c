// The binary fallback of onMissing `compile` (its run on real Portage is test/engine/binhost/binary-fallback.test.ts):
// which steps carry it, that the step runner hands a failed marked step to the script (run for real, busybox sh),
// and the line the script prints as events, --plain text and the record's note.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainLine } from '../../../src/core/build/plain-lines.js';
import { EMPTY_PROGRESS, packageDurations, reduceProgress } from '../../../src/core/build/progress.js';
import { createRunOutputParser } from '../../../src/core/build/run-output.js';
import type { BuildEvent } from '../../../src/core/events.js';
import { fallbackNoteOf } from '../../../src/core/forecast/binary-fallback-text.js';
import { forecastVsActual, totalsLines } from '../../../src/core/forecast/forecast-vs-actual.js';
import { parseBinaryFallbackLine, withBinaryFallback } from '../../../src/core/plan/binary-fallback.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import type { ContainerStep } from '../../../src/core/plan/plan-types.js';
import { RUNNER_DIR, RUNNER_SCRIPT, stepRunnerFiles } from '../../../src/core/plan/step-runner.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';

const base = { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: null, makeConf: null, profile: null };
const LINE = '>>> gentoo-wb: the binary of app-misc/oldtool from served-lan failed its checksum: compiling it from source instead';
const SIGNATURE_LINE = '>>> gentoo-wb: the binary of app-misc/oldtool from served-lan failed its signature check: compiling it from source instead';

function recipe(binaries: Recipe['binaries']): Recipe {
  const r = newRecipe({ name: 'x', base: 'gentoo/stage3', packages: ['app-misc/oldtool'], sizing: { jobs: 2, makeopts: '-j2' } });
  return { ...r, binaries, caches: { ...r.caches, binpkgs: false } };
}

function emergeStep(argv: string[]): ContainerStep {
  return { id: 'emerge', title: 'emerge', argv, env: {}, output: 'emerge', okExitCodes: [] };
}

describe('which steps fall back', () => {
  const url = { kind: 'url' as const, url: 'http://binhost.lan/' };

  it('the emerge step of a recipe with binhosts and onMissing compile, with the script among the files', () => {
    const result = planBuild({ recipe: recipe({ hosts: [url], onMissing: 'compile' }), base, sandbox: { unshare: true } });
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan.steps.map((s) => [s.argv[0], s.binaryFallback ?? false])).toEqual([['emerge', true]]);
    expect(result.plan.files.find((f) => f.path === '/var/lib/gentoo-wb/binary-fallback')?.mode).toBe(0o755);
    expect(result.plan.files.some((f) => f.path === `${RUNNER_DIR}/steps/01-emerge/fallback`)).toBe(true);
  });

  it('not with onMissing fail (binaries only), without binhosts, or for a step that does not fetch binaries', () => {
    expect(withBinaryFallback(recipe({ hosts: [url], onMissing: 'fail' }), [emergeStep(['emerge', '--getbinpkg', '--getbinpkgonly', 'x'])])).toEqual({ steps: [emergeStep(['emerge', '--getbinpkg', '--getbinpkgonly', 'x'])], files: [] });
    expect(withBinaryFallback(recipe({ hosts: [], onMissing: 'compile' }), [emergeStep(['emerge', '--usepkg', 'x'])]).files).toEqual([]);
    const stage4Second = emergeStep(['emerge', '--emptytree', 'x']);
    expect(withBinaryFallback(recipe({ hosts: [url], onMissing: 'compile' }), [emergeStep(['emerge', '--getbinpkg', 'x']), stage4Second]).steps.map((s) => s.binaryFallback ?? false)).toEqual([true, false]);
  });
});

const busybox = spawnSync('/usr/bin/busybox', ['true']).status === 0 ? '/usr/bin/busybox' : null;

describe('the step runner hands a failed marked step to binary-fallback (run for real)', () => {
  function runWith(steps: ContainerStep[], fallbackExit: number) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-fallback-'));
    for (const f of stepRunnerFiles(steps)) {
      const target = path.join(root, f.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.content);
      chmodSync(target, f.mode);
    }
    // A stand-in for the script: prints what it was given and ends as told.
    writeFileSync(path.join(root, RUNNER_DIR, 'binary-fallback'), `printf 'fallback <%s>\\n' "$@"\nexit ${fallbackExit}\n`);
    const shell = busybox ? [busybox, 'sh'] : ['sh'];
    const r = spawnSync(shell[0]!, [...shell.slice(1), path.join(root, RUNNER_SCRIPT)], { encoding: 'utf8' });
    return { status: r.status, out: r.stdout, root };
  }

  it('with its status, the start file and the env + argv; its exit is the step exit', () => {
    const marked: ContainerStep = { id: 'emerge', title: 'e', argv: ['sh', '-c', 'exit 1'], env: { FEATURES: 'getbinpkg' }, output: 'emerge', okExitCodes: [], binaryFallback: true };
    const ok = runWith([marked], 0);
    expect(ok.status).toBe(0);
    const started = `${ok.root}${RUNNER_DIR}/steps/01-emerge/started`;
    // The runner's step folders end with a slash ("steps/01-emerge/"): the path is normalised here.
    expect(ok.out.split('\n').filter((l) => l.startsWith('fallback ')).map((l) => l.replace('//', '/'))).toEqual(['fallback <1>', `fallback <${started}>`, 'fallback <FEATURES=getbinpkg>', 'fallback <sh>', 'fallback <-c>', 'fallback <exit 1>']);
    expect(ok.out).toContain('@@gentoo-wb step-end 01-emerge 0');
    const failed = runWith([marked], 7);
    expect(failed.status).toBe(7);
    expect(failed.out).toContain('@@gentoo-wb step-end 01-emerge 7');
  });

  it('not when the step succeeded, nor for an unmarked step', () => {
    const fine = runWith([{ id: 'emerge', title: 'e', argv: ['true'], env: {}, output: 'emerge', okExitCodes: [], binaryFallback: true }], 9);
    expect(fine.status).toBe(0);
    expect(fine.out).not.toContain('fallback <');
    const unmarked = runWith([{ id: 'emerge', title: 'e', argv: ['false'], env: {}, output: 'emerge', okExitCodes: [] }], 0);
    expect(unmarked.status).toBe(1);
    expect(unmarked.out).not.toContain('fallback <');
    expect(existsSync(`${unmarked.root}${RUNNER_DIR}/steps/01-emerge/started`)).toBe(false);
  });
});

describe('what the script prints, as the build tells it', () => {
  it('parses its line, and nothing else', () => {
    expect(parseBinaryFallbackLine(LINE)).toEqual({ cp: 'app-misc/oldtool', hosts: ['served-lan'], reason: 'checksum' });
    expect(parseBinaryFallbackLine(SIGNATURE_LINE)).toEqual({ cp: 'app-misc/oldtool', hosts: ['served-lan'], reason: 'signature' });
    expect(parseBinaryFallbackLine(SIGNATURE_LINE.replace('signature check', 'signature'))).toBeNull();
    expect(parseBinaryFallbackLine(`${LINE} `)).toBeNull();
    expect(parseBinaryFallbackLine('>>> Emerging (1 of 2) app-misc/oldtool-1.0::gentoo')).toBeNull();
  });

  it('becomes the log line and a binary-fallback event; the emerge after it is parsed afresh', () => {
    const parser = createRunOutputParser([{ id: 'emerge', title: 'Emerge', output: 'emerge' }]);
    const events: BuildEvent[] = [
      ...parser.push('2026-12-07T10:00:00.000Z @@gentoo-wb step-start 01-emerge\n'),
      ...parser.push('2026-12-07T10:00:01.000Z >>> Emerging binary (1 of 2) app-misc/oldtool-1.0::gentoo\n'),
      ...parser.push(`2026-12-07T10:00:05.000Z ${LINE}\n`),
      ...parser.push('2026-12-07T10:00:06.000Z >>> Emerging (1 of 2) app-misc/oldtool-1.0::gentoo\n'),
    ];
    const t = Date.parse('2026-12-07T10:00:05.000Z');
    expect(events).toContainEqual({ type: 'log', text: LINE, t });
    expect(events).toContainEqual({ type: 'binary-fallback', cp: 'app-misc/oldtool', hosts: ['served-lan'], reason: 'checksum', t });
    expect(events.filter((e) => e.type === 'started').map((e) => e.type === 'started' && e.binary)).toEqual([true, false]);
    expect(plainLine({ type: 'binary-fallback', cp: 'app-misc/oldtool', hosts: ['served-lan'], t })).toBe('10:00:05 binary   app-misc/oldtool: binary from served-lan failed its checksum: compiling it from source');
  });

  it('the record notes it on the package that compiled, next to the forecast of a binary', () => {
    const t0 = Date.parse('2026-12-07T10:00:00.000Z');
    const events: BuildEvent[] = [
      { type: 'started', cpv: 'app-misc/oldtool-1.0', index: 1, total: 1, binary: true, t: t0 },
      { type: 'failed', cpv: 'app-misc/oldtool-1.0', t: t0 + 1000 },
      { type: 'binary-fallback', cp: 'app-misc/oldtool', hosts: ['served-lan'], t: t0 + 2000 },
      { type: 'started', cpv: 'app-misc/oldtool-1.0', index: 1, total: 1, binary: false, t: t0 + 3000 },
      { type: 'completed', cpv: 'app-misc/oldtool-1.0', index: 1, total: 1, t: t0 + 13000 },
    ];
    const progress = events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
    const timings = packageDurations(progress).map((d) => ({ ...d, startedAt: t0 + 3000 }));
    expect(timings).toEqual([{ cpv: 'app-misc/oldtool-1.0', seconds: 10, binary: false, ok: true, note: 'binary from served-lan failed its checksum: compiled instead', startedAt: t0 + 3000 }]);
    const forecast = { packages: [{ index: 0, cpv: 'app-misc/oldtool-1.0', from: 'binhost' as const, reason: null, seconds: 3, basis: 'default' as const, samples: 0, downloadSeconds: 0 }], totals: { totalSeconds: 3, serialSeconds: 3, binaries: 1, compiles: 0, fromBinhost: 1, jobs: 2 } };
    expect(totalsLines(forecastVsActual(forecast, timings)).slice(1)).toEqual(['  app-misc/oldtool-1.0: binary from served-lan failed its checksum: compiled instead']);
    expect(forecastVsActual(forecast, timings).packages).toEqual([{ cpv: 'app-misc/oldtool-1.0', forecast: { from: 'binhost', seconds: 3 }, actual: { binary: false, seconds: 10, ok: true, note: 'binary from served-lan failed its checksum: compiled instead' } }]);
  });

  it('notes only the compile of the same package (not app-misc/oldtool-extra, not a binary)', () => {
    const fb = [{ cp: 'app-misc/oldtool', hosts: ['served-lan'] }];
    expect(fallbackNoteOf('app-misc/oldtool-extra-1.0', false, fb)).toBeNull();
    expect(fallbackNoteOf('app-misc/oldtool-1.0', true, fb)).toBeNull();
    expect(fallbackNoteOf('app-misc/oldtool-1.0-r1', false, fb)).toBe('binary from served-lan failed its checksum: compiled instead');
  });

  it('a signature says so in the event, the --plain line and the note', () => {
    const parser = createRunOutputParser([{ id: 'emerge', title: 'Emerge', output: 'emerge' }]);
    const events = [...parser.push('2026-12-07T10:00:00.000Z @@gentoo-wb step-start 01-emerge\n'), ...parser.push(`2026-12-07T10:00:05.000Z ${SIGNATURE_LINE}\n`)];
    const t = Date.parse('2026-12-07T10:00:05.000Z');
    expect(events).toContainEqual({ type: 'binary-fallback', cp: 'app-misc/oldtool', hosts: ['served-lan'], reason: 'signature', t });
    expect(plainLine({ type: 'binary-fallback', cp: 'app-misc/oldtool', hosts: ['served-lan'], reason: 'signature', t })).toBe('10:00:05 binary   app-misc/oldtool: binary from served-lan failed its signature check: compiling it from source');
    const progress = events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
    expect(fallbackNoteOf('app-misc/oldtool-1.0', false, progress.fallbacks ?? [])).toBe('binary from served-lan failed its signature check: compiled instead');
  });
});
