// The engine a recipe's build runs on: --engine, -H or --context win; else the recipe's engine; unknown names
// in engine or distcc.engines stop the command before any work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFlagsFor } from '../../src/commands/recipe-engine.js';
import type { EngineFlags } from '../../src/commands/output.js';
import { UsageError } from '../../src/commands/usage-error.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { addEngine, removeEngine } from '../../src/engine/engines/engine-store.js';
import { openSettings } from '../../src/engine/settings/settings-store.js';

const NAME = `recipe-engine-${process.pid}`;
const recipe = (engine?: string, distcc?: string[]) => newRecipe({ name: 'x', base: 'b:1', packages: ['app-misc/hello'], ...(engine ? { engine } : {}), ...(distcc ? { distccEngines: distcc } : {}) });

beforeAll(() => {
  expect(addEngine(openSettings(), { name: NAME, url: 'unix:///run/gwb-test-not-there.sock' }).ok).toBe(true);
});
afterAll(() => {
  removeEngine(openSettings(), NAME);
});

describe('engineFlagsFor', () => {
  it('takes the recipe\'s engine when the command line names none; --engine, -H and --context win; local is the default endpoint', async () => {
    expect(await engineFlagsFor(recipe(NAME), { plain: true } as EngineFlags & { plain: boolean }, 'r.json')).toEqual({ plain: true, engine: NAME });
    expect(await engineFlagsFor(recipe(NAME), { engine: 'other' }, 'r.json')).toEqual({ engine: 'other' });
    expect(await engineFlagsFor(recipe(NAME), { host: 'unix:///x.sock' }, 'r.json')).toEqual({ host: 'unix:///x.sock' });
    expect(await engineFlagsFor(recipe(NAME), { context: 'c' }, 'r.json')).toEqual({ context: 'c' });
    expect(await engineFlagsFor(recipe('local'), {}, 'r.json')).toEqual({});
    expect(await engineFlagsFor(recipe(), {}, 'r.json')).toEqual({});
  });

  it('refuses engine names that are not configured, naming the fields and the configured engines', async () => {
    const err = await engineFlagsFor(recipe('nowhere', [NAME, 'elsewhere']), {}, 'r.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    const message = (err as Error).message;
    expect(message).toContain('r.json names engines that are not configured:');
    expect(message).toContain('  engine: no engine named "nowhere"');
    expect(message).toContain('  distcc.engines[1]: no engine named "elsewhere"');
    expect(message).toContain(NAME);
    expect(message).toMatch(/nothing was started$/);
    // With --engine the recipe's own engine does not matter, its distcc engines still do.
    await expect(engineFlagsFor(recipe('nowhere'), { engine: NAME }, 'r.json')).resolves.toEqual({ engine: NAME });
    await expect(engineFlagsFor(recipe(undefined, ['elsewhere']), { engine: NAME }, 'r.json')).rejects.toThrow(/distcc\.engines\[0\]: no engine named "elsewhere"/);
  });
});
