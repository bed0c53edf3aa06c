// The farm's pure scheduler: the recipe's `engine` field, architecture, order by shared compiles, spread by
// CPUs per build.
import { describe, expect, it } from 'vitest';
import { pinnedEngineProblem, PINNED_ENGINE_HINT, readySlots, scheduleFarm, type FarmEngineFacts, type FarmRecipeFacts } from '../../../src/core/farm/farm-schedule.js';

const recipe = (index: number, compiles: string[], extra: Partial<FarmRecipeFacts> = {}): FarmRecipeFacts => ({ index, name: `r${index}`, arch: 'amd64', cacheKey: 'aaaaaaaaaaaa', compiles, ...extra });
const engine = (name: string, extra: Partial<FarmEngineFacts> = {}): FarmEngineFacts => ({ name, arch: 'x86_64', cpus: 2, running: 0, ...extra });

describe('scheduleFarm', () => {
  it('runs recipes that share nothing at the same time, one per engine', () => {
    const s = scheduleFarm([recipe(0, ['app-misc/hello-1.0']), recipe(1, ['dev-libs/expat-2.6.4'])], [engine('local'), engine('second')]);
    expect(s).toEqual({ ok: true, slots: [
      { recipe: 0, engine: 'local', after: [], waitsFor: [] },
      { recipe: 1, engine: 'second', after: [], waitsFor: [] },
    ] });
    expect(readySlots(s.ok ? s.slots : [], new Set(), new Set()).map((x) => x.recipe)).toEqual([0, 1]);
  });

  it('makes a recipe that compiles what an earlier one compiles wait for it, naming the packages', () => {
    const s = scheduleFarm([
      recipe(0, ['dev-libs/libfoo-1.0', 'app-misc/hello-1.0']),
      recipe(1, ['dev-libs/libfoo-1.0', 'app-misc/foo-tool-1.0']),
      recipe(2, ['app-misc/other-1']),
    ], [engine('a'), engine('b')]);
    if (!s.ok) throw new Error(s.problem);
    expect(s.slots[1]).toMatchObject({ recipe: 1, engine: 'b', after: [0], waitsFor: ['dev-libs/libfoo-1.0'] });
    expect(s.slots[2]).toMatchObject({ after: [] });
    // Recipe 1 waits until recipe 0 has ended; recipe 2 starts with 0.
    expect(readySlots(s.slots, new Set(), new Set()).map((x) => x.recipe)).toEqual([0, 2]);
    expect(readySlots(s.slots, new Set([0, 2]), new Set([2])).map((x) => x.recipe)).toEqual([]);
    expect(readySlots(s.slots, new Set([0, 2]), new Set([0])).map((x) => x.recipe)).toEqual([1]);
  });

  it('does not order recipes of different cache keys or without a cache (no binary could pass between them)', () => {
    const s = scheduleFarm([
      recipe(0, ['dev-libs/libfoo-1.0']),
      recipe(1, ['dev-libs/libfoo-1.0'], { cacheKey: 'bbbbbbbbbbbb' }),
      recipe(2, ['dev-libs/libfoo-1.0'], { cacheKey: null }),
    ], [engine('a')]);
    if (!s.ok) throw new Error(s.problem);
    expect(s.slots.map((x) => x.after)).toEqual([[], [], []]);
  });

  it('prefers the engine with more CPUs per build, counting builds already running there', () => {
    const engines = [engine('small', { cpus: 2 }), engine('big', { cpus: 8, running: 1 })];
    const s = scheduleFarm([0, 1, 2, 3].map((i) => recipe(i, [`cat/p${i}-1`])), engines);
    if (!s.ok) throw new Error(s.problem);
    // big: 8/2 = 4, 8/3 ≈ 2.7, then small 2/1 = 2 vs big 8/4 = 2 (tie: the order given), …
    expect(s.slots.map((x) => x.engine)).toEqual(['big', 'big', 'small', 'big']);
  });

  it('sends a recipe only to an engine of its base\'s architecture, and refuses with a sentence when there is none', () => {
    const engines = [engine('x86'), engine('arm', { arch: 'aarch64', cpus: 64 })];
    const ok = scheduleFarm([recipe(0, []), recipe(1, [], { arch: 'arm64' })], engines);
    expect(ok.ok && ok.slots.map((x) => x.engine)).toEqual(['x86', 'arm']);
    const refused = scheduleFarm([recipe(0, [], { arch: 'riscv64', name: 'tiny' })], engines);
    expect(refused).toEqual({ ok: false, problem: 'recipe tiny builds on riscv64 (its base\'s architecture), and none of the engines is one (x86: amd64, arm: arm64)', hint: expect.stringContaining('add an engine of that architecture') });
  });

  it('reads the kernel\'s architecture names as Docker\'s', () => {
    const engines = [engine('x', { arch: 'x86_64' }), engine('a', { arch: 'aarch64' }), engine('X', { arch: 'AMD64' }), engine('p', { arch: 'ppc64le' })];
    const refused = scheduleFarm([recipe(0, [], { arch: 'riscv64', name: 'tiny' })], engines);
    expect(refused).toMatchObject({ ok: false, problem: 'recipe tiny builds on riscv64 (its base\'s architecture), and none of the engines is one (x: amd64, a: arm64, X: amd64, p: ppc64le)' });
  });

  it('builds a recipe on the engine its "engine" field names, even where another has more CPUs per build', () => {
    const engines = [engine('small', { cpus: 1 }), engine('big', { cpus: 16 })];
    const s = scheduleFarm([recipe(0, ['cat/a-1'], { engine: 'small' }), recipe(1, ['cat/b-1'], { engine: 'small' })], engines);
    expect(s).toEqual({ ok: true, slots: [
      { recipe: 0, engine: 'small', after: [], waitsFor: [] },
      { recipe: 1, engine: 'small', after: [], waitsFor: [] },
    ] });
  });

  it('counts pinned recipes first, so a free recipe before them goes to the engine they leave idle', () => {
    // Free recipe 0 would take `a` (a tie keeps the order given) if recipe 1's pin to `a` were counted late.
    const s = scheduleFarm([recipe(0, ['cat/a-1']), recipe(1, ['cat/b-1'], { engine: 'a' })], [engine('a'), engine('b')]);
    expect(s.ok && s.slots.map((x) => x.engine)).toEqual(['b', 'a']);
  });

  it('keeps the order of shared compiles for a pinned recipe: it still waits for the earlier one', () => {
    const s = scheduleFarm([recipe(0, ['dev-libs/libfoo-1.0']), recipe(1, ['dev-libs/libfoo-1.0'], { engine: 'a' })], [engine('a'), engine('b')]);
    if (!s.ok) throw new Error(s.problem);
    expect(s.slots).toEqual([
      { recipe: 0, engine: 'b', after: [], waitsFor: [] },
      { recipe: 1, engine: 'a', after: [0], waitsFor: ['dev-libs/libfoo-1.0'] },
    ]);
  });

  it('refuses a recipe whose "engine" field names an engine the farm was not given, and one whose engine is of another architecture', () => {
    const engines = [engine('local'), engine('arm', { arch: 'aarch64' })];
    expect(scheduleFarm([recipe(0, []), recipe(1, [], { engine: 'third', name: 'web' })], engines)).toEqual({
      ok: false, problem: 'recipe web names engine "third" in its "engine" field, which is not one of the farm\'s engines (local, arm)', hint: PINNED_ENGINE_HINT,
    });
    expect(scheduleFarm([recipe(0, [], { engine: 'arm', name: 'web' })], engines)).toEqual({
      ok: false, problem: 'recipe web builds on amd64 (its base\'s architecture), and the engine its "engine" field names, arm, is arm64', hint: expect.stringContaining('name an engine of that architecture in the recipe'),
    });
  });

  it('pinnedEngineProblem: nothing to say without the field or with an engine of the farm', () => {
    expect(pinnedEngineProblem({ name: 'r' }, ['local'])).toBeNull();
    expect(pinnedEngineProblem({ name: 'r', engine: 'local' }, ['second', 'local'])).toBeNull();
    expect(pinnedEngineProblem({ name: 'r', engine: 'local' }, ['second'])).toBe('recipe r names engine "local" in its "engine" field, which is not one of the farm\'s engines (second)');
  });
});
