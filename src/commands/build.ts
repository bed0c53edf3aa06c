// `gentoo-wb build RECIPE`, `gentoo-wb builds`, `gentoo-wb attach [ID]`: the build without the TUI,
// on the same runner and event stream.
import type { Command } from 'commander';
import type { BuildFlags } from './build-flags.js';
import type { EngineFlags } from './output.js';
import type { CommandContext } from './command-context.js';


const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Every --tag checked before anything runs: a bad one found at tagging time would leave a half-tagged image. */
async function checkTagFlags(tags: readonly string[]): Promise<void> {
  const { imageRefProblem } = await import('../core/recipe/recipe-validate.js');
  const { invalidTagReason } = await import('../engine/docker/image-ref.js');
  const { sanitizeText } = await import('../core/format/sanitize.js');
  const { UsageError } = await import('./usage-error.js');
  const bad = tags.flatMap((tag) => {
    const problem = imageRefProblem(tag, false) ?? invalidTagReason(tag);
    return problem === null ? [] : [`--tag ${sanitizeText(JSON.stringify(tag))}: ${sanitizeText(problem)}`];
  });
  if (bad.length > 0) throw new UsageError(`${bad.join('\n')}\nnothing was built (a tag is NAME[:TAG] with a lowercase name, e.g. myorg/php:8.3)`);
}

/** An ID given to attach must be a build ID before any file is looked at (`../../x` is not). */
async function checkBuildId(id: string | undefined): Promise<void> {
  if (id === undefined) return;
  const { buildIdProblem } = await import('../engine/build/build-store.js');
  const problem = buildIdProblem(id);
  if (problem === null) return;
  const [{ sanitizeText }, { UsageError }] = await Promise.all([import('../core/format/sanitize.js'), import('./usage-error.js')]);
  throw new UsageError(`${sanitizeText(problem)}; gentoo-wb builds lists them`);
}

/** Register build, builds and attach. */
export function register(program: Command, context: CommandContext): void {
  program
    .command('build')
    .description('build the image a recipe describes (one line per event with --plain, JSON lines with --json); several recipes with --engines a,b: a farm over those engines')
    .argument('<recipes...>', 'recipe file (two or more with --engines)')
    .option('--plain', 'one timestamped line per event')
    .option('--json', 'one BuildEvent per line, then {type: "result"}')
    .option('--tag <name>', 'tag the image NAME[:TAG] instead of the recipe\'s tags (repeatable)', collect)
    .option('--no-cache', 'build without the distfiles / binary package / ccache volumes')
    .option('--plan', 'print what the build would run, and stop')
    .option('--engine <name>', 'build on this configured engine (`gentoo-wb engines list`); the build remembers it')
    .option('--engines <names>', 'a farm: spread the recipes over these engines (comma-separated; "local" is the default one), in parallel, with one shared binhost')
    .action(async (recipes: string[], _opts: BuildFlags, command: Command) => {
      const flags = command.optsWithGlobals<BuildFlags>();
      if (recipes.length > 1 || flags.engines !== undefined) {
        const { runFarmCommand } = await import('./farm-command.js');
        await runFarmCommand(recipes, flags);
        return;
      }
      const recipe = recipes[0]!;
      await checkTagFlags(flags.tag ?? []);
      const { runBuildCommand } = await import('./build-command.js');
      await runBuildCommand(recipe, flags);
    });

  program
    .command('builds')
    .description('list running and finished builds (running ones can be attached)')
    .option('--json', 'JSON for scripts')
    .option('--engine <name>', 'only the builds of this configured engine (default: every engine)')
    .action(async (_opts: { json?: boolean }, command: Command) => {
      const { runBuildsCommand } = await import('./builds-command.js');
      await runBuildsCommand(command.optsWithGlobals<EngineFlags & { json?: boolean }>());
    });

  program
    .command('attach')
    .description('follow a running build again (without ID: the only or the newest running one, naming the others): the live pane on a terminal, lines otherwise')
    .argument('[id]', 'build ID (see gentoo-wb builds)')
    .option('--plain', 'one timestamped line per event')
    .option('--json', 'one BuildEvent per line')
    .option('--engine <name>', 'follow it on this configured engine (default: the engine the build was started on)')
    .action(async (id: string | undefined, _opts: BuildFlags, command: Command) => {
      await checkBuildId(id);
      const { runAttachCommand } = await import('./builds-command.js');
      await runAttachCommand(id, command.optsWithGlobals<BuildFlags>(), context);
    });
}
