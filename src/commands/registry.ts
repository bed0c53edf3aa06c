// Every headless command module, in the order `gentoo-wb --help` lists them, with the top-level
// command names it registers. Modules load lazily: a run naming one command loads only that command's
// module (start-up cost counts for `gentoo-wb export` against `docker save`); root help, the TUI and
// anything unrecognised load them all, so commander sees every command as before.
import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

export type RegisterCommand = (program: Command, context: CommandContext) => void;

interface CommandModule {
  /** The top-level commands the module's register() adds (test/commands/registry.test.ts checks each is found by its name). */
  names: readonly string[];
  load(): Promise<{ register: RegisterCommand }>;
}

const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ['check'], load: () => import('./check.js') },
  { names: ['endpoint'], load: () => import('./endpoint.js') },
  { names: ['images'], load: () => import('./images.js') },
  { names: ['import'], load: () => import('./import.js') },
  { names: ['tag'], load: () => import('./tag.js') },
  { names: ['export'], load: () => import('./export.js') },
  { names: ['inspect'], load: () => import('./inspect.js') },
  { names: ['clean'], load: () => import('./clean.js') },
  { names: ['build', 'builds', 'attach'], load: () => import('./build.js') },
  { names: ['pretend'], load: () => import('./pretend.js') },
  { names: ['recipe'], load: () => import('./recipe.js') },
  { names: ['binhost'], load: () => import('./binhost.js') },
  { names: ['engines'], load: () => import('./engines.js') },
  { names: ['copy'], load: () => import('./copy.js') },
];

/** The register functions for a run: only the named command's module when it is one of ours, every module (in help order) otherwise. */
export async function commandRegistrars(commandName: string | null): Promise<RegisterCommand[]> {
  const named = commandName === null ? undefined : COMMAND_MODULES.find((m) => m.names.includes(commandName));
  const modules = named ? [named] : COMMAND_MODULES;
  return (await Promise.all(modules.map((m) => m.load()))).map((m) => m.register);
}
