#!/usr/bin/env node
// Entry point: reads argv, checks the terminal, then starts the TUI or one headless command.
// Ink is imported only on the TUI path, and only after CI detection has been neutralised.
import { createRequire } from 'node:module';
import type * as Commander from 'commander';
import { appVersion } from './engine/app-info.js';
import type { CommandContext } from './commands/command-context.js';
import { commandRegistrars } from './commands/registry.js';
import { EXIT_USAGE, UsageError } from './commands/usage-error.js';

// commander is CommonJS: required directly it loads in about half the time its ESM wrapper takes (the
// wrapper has Node's CommonJS lexer read it first), and every command pays that at start-up.
const { Command, CommanderError, Option } = createRequire(import.meta.url)('commander') as typeof Commander;
type Command = Commander.Command;

interface TuiOptions {
  theme?: string;
  host?: string;
  context?: string;
  /** A configured engine (`gentoo-wb engines add`) to start on instead of the one used last time. */
  engine?: string;
  attachBuild?: string;
}

const NO_TTY_MESSAGE = `gentoo-wb: the workbench needs an interactive terminal (stdin and stdout must be TTYs).
  Over SSH, ask for one:  ssh -t HOST gentoo-wb
  Without a terminal, use the headless commands, for example:
    gentoo-wb check --plain       host checks
    gentoo-wb pretend RECIPE      the merge list Portage would run
    gentoo-wb build RECIPE --plain
  See gentoo-wb --help for all of them.`;

/** Open the workbench (checking the terminal first); also used by `attach` on a terminal. */
async function startTui(recipe: string | undefined, opts: TuiOptions): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(`${NO_TTY_MESSAGE}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const refused = await engineRefusal(opts);
  if (refused) {
    process.stderr.write(`gentoo-wb: ${refused}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  // Ink decides at import time whether it runs "in CI" and would then draw only the last frame;
  // a build box with CI set still has a person at the terminal.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  // React's development build checks and keeps much more per render; a user's terminal wants the
  // production one (read by react when it is first imported, just below).
  process.env.NODE_ENV ??= 'production';
  // The first frame now, before loading Ink, React and the screens (the slow part of starting). Its
  // modules load here, not at start-up: a headless command never draws.
  const [{ chooseGlyphs }, { enterFullscreen }, { firstFrameText }] = await Promise.all([import('./core/glyphs.js'), import('./ui/terminal/fullscreen.js'), import('./ui/terminal/first-frame.js')]);
  const screen = enterFullscreen(process.stdout);
  const firstStep = opts.attachBuild ? 'build' : recipe ? 'recipe' : 'host';
  screen.draw(firstFrameText(firstStep, chooseGlyphs(process.env).focus, process.stdout.columns ?? 80));
  // Until the workbench has its own handlers, a Ctrl-C or a hang-up puts the terminal back and ends.
  const early = () => {
    screen.restore();
    process.exit(130);
  };
  const signals = ['SIGINT', 'SIGHUP', 'SIGTERM'] as const;
  for (const signal of signals) process.on(signal, early);
  const { runTui } = await import('./ui/run-tui.js');
  for (const signal of signals) process.off(signal, early);
  const code = await runTui({ screen, recipePath: recipe, theme: opts.theme, host: opts.host, context: opts.context, engine: opts.engine, attachBuild: opts.attachBuild });
  // Quitting is immediate: background work (host checks, engine calls) has nothing left to tell anyone,
  // and running builds live in their own containers.
  process.exit(code);
}

/** Why `--engine NAME` cannot be used (with -H/--context, or a name not configured), before the screen opens. */
async function engineRefusal(opts: TuiOptions): Promise<string | null> {
  if (opts.engine === undefined) return null;
  if (opts.host !== undefined || opts.context !== undefined) return '--engine and -H/--context exclude each other: each names the engine to use';
  const { openSettings } = await import('./engine/settings/settings-store.js');
  const { findEngine, unknownEngine } = await import('./engine/engines/engine-store.js');
  const { LOCAL_ENGINE } = await import('./engine/engines/engine-spec.js');
  const store = openSettings();
  if (opts.engine === LOCAL_ENGINE || findEngine(store, opts.engine) !== null) return null;
  const refused = unknownEngine(store, opts.engine);
  return `${refused.message}; ${refused.hint}`;
}

/**
 * The subcommand argv names, when it is plain to see: the first operand after the root's own options
 * that take a value. Anything else (help, version, an unknown option) gives null, and every command
 * is registered so that commander answers exactly as it always has.
 */
function invokedCommand(program: Command, args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) return arg;
    const long = arg.startsWith('--');
    const flag = long ? arg.split('=', 1)[0] : arg.slice(0, 2);
    const option = program.options.find((o) => o.long === flag || o.short === flag);
    if (!option?.required) return null;
    const inlineValue = long ? arg.includes('=') : arg.length > 2;
    if (!inlineValue) i++;
  }
  return null;
}

async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command('gentoo-wb')
    .description('A terminal workbench from a bare Linux host to a tagged, exported Gentoo-based Docker image.')
    .version(appVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[recipe]', 'open the workbench on this recipe file')
    .addOption(new Option('--theme <name>', 'colour theme (default, light, mono, high-contrast)'))
    .addOption(new Option('-H, --host <url>', 'Docker/Podman endpoint (unix://, tcp://, ssh://)'))
    .addOption(new Option('--context <name>', 'docker context to use'))
    .addOption(new Option('--engine <name>', 'open the workbench on this configured engine (gentoo-wb engines list; local: the default endpoint); remembered'))
    .showHelpAfterError('(run gentoo-wb --help for usage)')
    // Before any subcommand exists: commander copies these settings into each one, so a usage
    // mistake in any command throws to main() and exits 2.
    .exitOverride()
    .enablePositionalOptions()
    .action(async (recipe: string | undefined, opts: TuiOptions) => startTui(recipe, opts));
  const context: CommandContext = { startTui: (o) => startTui(o.recipePath, o) };
  for (const register of await commandRegistrars(invokedCommand(program, args))) register(program, context);
  program.addHelpText('after', '\nRun without a command to open the workbench. Exit codes: 0 ok, 1 failed, 2 usage, 130 interrupted.');
  return program;
}

async function main(): Promise<void> {
  const program = await buildProgram(process.argv.slice(2));
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`gentoo-wb: ${err.message}\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    throw err;
  }
}

await main();
