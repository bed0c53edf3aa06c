import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandRegistrars } from '../../src/commands/registry.js';
import type { CommandContext } from '../../src/commands/command-context.js';

const context: CommandContext = { startTui: () => Promise.resolve() };

async function namesRegistered(commandName: string | null): Promise<string[]> {
  const program = new Command('gentoo-wb');
  for (const register of await commandRegistrars(commandName)) register(program, context);
  return program.commands.map((c) => c.name());
}

describe('command registry', () => {
  it('registers every command, in help order, when no command is named', async () => {
    const all = await namesRegistered(null);
    expect(all).toEqual(['check', 'endpoint', 'images', 'import', 'tag', 'export', 'inspect', 'clean', 'build', 'builds', 'attach', 'pretend', 'recipe', 'binhost', 'engines', 'copy']);
  });

  it('finds the module of each command by its name, and loads only that module', async () => {
    const all = await namesRegistered(null);
    for (const name of all) {
      const some = await namesRegistered(name);
      expect(some, name).toContain(name);
      expect(some.length, name).toBeLessThan(all.length);
    }
    expect(await namesRegistered('builds')).toEqual(['build', 'builds', 'attach']);
  });

  it('registers every command for a word that is not one (a recipe file, help, a typo)', async () => {
    const all = await namesRegistered(null);
    for (const word of ['recipe.toml', 'help', 'exprt', '']) expect(await namesRegistered(word)).toEqual(all);
  });
});
