// The step runner script is run for real (Debian's busybox sh) to prove
// that arguments pass through untouched and exit codes decide what happens next.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContainerStep } from '../../../src/core/plan/plan-types.js';
import { parseStepMarker, RUNNER_DIR, RUNNER_SCRIPT, stepRunnerFiles } from '../../../src/core/plan/step-runner.js';

const busybox = spawnSync('/usr/bin/busybox', ['true']).status === 0 ? '/usr/bin/busybox' : null;

function materialise(steps: ContainerStep[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-runner-'));
  for (const f of stepRunnerFiles(steps)) {
    const target = path.join(root, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.content);
    chmodSync(target, f.mode);
  }
  return path.join(root, RUNNER_SCRIPT);
}

function step(id: string, argv: string[], extra: Partial<ContainerStep> = {}): ContainerStep {
  return { id, title: id, argv, env: {}, output: 'plain', okExitCodes: [], ...extra };
}

function run(script: string): { status: number | null; out: string } {
  const shell = busybox ? [busybox, 'sh'] : ['sh'];
  const r = spawnSync(shell[0]!, [...shell.slice(1), script], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout };
}

describe('step runner', () => {
  it('passes hostile-looking arguments through as data, byte for byte', () => {
    const args = ['dev-lang/php[fpm]', 'a b  c', `it's "quoted"`, '$(touch /tmp/pwned)', '`id`', '; rm -rf /', 'back\\slash', '-dash', 'ünïcødé', '', '*'];
    const script = materialise([step('echo', ['printf', '<%s>\\n', ...args])]);
    const { status, out } = run(script);
    expect(status).toBe(0);
    const printed = out.split('\n').filter((l) => l.startsWith('<')).map((l) => l.slice(1, -1));
    expect(printed).toEqual(args);
  });

  it('runs steps in order with their env, marks each, and stops at the first failure', () => {
    const script = materialise([
      step('first', ['sh', '-c', 'echo "A=$A"'], { env: { A: 'x y' } }),
      step('fails', ['sh', '-c', 'exit 3']),
      step('never', ['echo', 'not reached']),
    ]);
    const { status, out } = run(script);
    expect(status).toBe(3);
    expect(out).toContain('A=x y');
    expect(out).not.toContain('not reached');
    const markers = out.split('\n').map(parseStepMarker).filter((m) => m !== null);
    expect(markers).toEqual([
      { kind: 'start', id: 'first' },
      { kind: 'end', id: 'first', status: 0 },
      { kind: 'start', id: 'fails' },
      { kind: 'end', id: 'fails', status: 3 },
    ]);
  });

  it('treats listed exit codes as success and says done at the end', () => {
    const script = materialise([step('warns', ['sh', '-c', 'exit 1'], { okExitCodes: [1] }), step('last', ['true'])]);
    const { status, out } = run(script);
    expect(status).toBe(0);
    expect(out.trim().split('\n').at(-1)).toBe('@@gentoo-wb done');
  });

  it('refuses values that cannot travel one per line', () => {
    expect(() => stepRunnerFiles([step('bad', ['echo', 'two\nlines'])])).toThrow(/line break/);
  });

  it('keeps its files under the runner folder', () => {
    const files = stepRunnerFiles([step('emerge', ['emerge', 'app-misc/hello'])]);
    expect(files.map((f) => f.path)).toEqual([RUNNER_SCRIPT, `${RUNNER_DIR}/steps/01-emerge/argv`, `${RUNNER_DIR}/steps/01-emerge/env`]);
    expect(execFileSync('sh', ['-n', materialise([])]).toString()).toBe('');
  });
});
