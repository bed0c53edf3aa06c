// `gentoo-wb engines add|list|check|remove`: the engines gentoo-wb may build on, kept in the settings.
// Light at load time: the engine layer is imported in the actions.
import type { Command } from 'commander';
import { sanitizeText } from '../core/format/sanitize.js';
import { printJson, runCommand } from './output.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';

interface JsonOption { json?: boolean; timeout?: string }

const URL_HELP = `
URL forms:
  context:NAME            a docker context (\`docker context ls\`); a bare context name works too
  ssh://USER@HOST[:PORT]  through \`docker system dial-stdio\` on HOST; keys come from your SSH agent
  tcp://HOST:PORT         the Engine API over TCP; give --tls-dir with ca.pem, cert.pem, key.pem
  unix:///PATH            a local socket: Docker's, rootless Docker's or Podman's
                          (e.g. unix:///run/user/1000/podman/podman.sock)
`;

/** Register `engines` and its subcommands on the program. */
export function register(program: Command): void {
  const engines = program
    .command('engines')
    .description('the engines gentoo-wb may use: add, list, check, remove (kept in the settings)')
    .exitOverride();
  engines
    .command('add')
    .description('add an engine under a name (checked before it is saved)')
    .argument('<name>', 'a name for --engine (lower-case letters, digits, ".", "_", "-")')
    .argument('<url>', 'context:NAME, ssh://USER@HOST[:PORT], tcp://HOST:PORT or unix:///PATH')
    .option('--tls-dir <dir>', 'for tcp://: the folder with ca.pem, cert.pem and key.pem')
    .addHelpText('after', URL_HELP)
    .exitOverride()
    .action(async (name: string, url: string, opts: { tlsDir?: string }) => {
      await runCommand(async () => {
        const [{ openSettings }, { addEngine, checkEngine }] = await Promise.all([
          import('../engine/settings/settings-store.js'), import('../engine/engines/index.js'),
        ]);
        const store = openSettingsNoisily(openSettings);
        const added = addEngine(store, { name, url, tlsDir: opts.tlsDir });
        if (!added.ok) {
          refuse(added, store.problem === undefined ? EXIT_USAGE : EXIT_FAILED);
          return;
        }
        for (const w of added.warnings) process.stderr.write(`gentoo-wb: warning: ${w}\n`);
        const { renderAdded } = await import('./engines-text.js');
        process.stdout.write(renderAdded(added.entry, await checkEngine(added.entry, { timeoutMs: 5000 })));
      });
    });
  engines
    .command('list')
    .description('every configured engine, checked in parallel: reachable or why not, kind, version, CPUs, memory, disk')
    .option('--json', 'print [{name, url, host, reachable, error, hint, warnings, facts}] for scripts')
    .option('--timeout <seconds>', 'give each engine this long to answer', '5')
    .exitOverride()
    .action(async (opts: JsonOption) => {
      await runCommand(async () => {
        const timeoutMs = timeoutOf(opts.timeout);
        const [{ openSettings }, { listEngines, checkEngines }, { renderList }] = await Promise.all([
          import('../engine/settings/settings-store.js'), import('../engine/engines/index.js'), import('./engines-text.js'),
        ]);
        const checks = await checkEngines(listEngines(openSettingsNoisily(openSettings)), { timeoutMs });
        if (opts.json) printJson(checks);
        else process.stdout.write(renderList(checks));
        process.exitCode = EXIT_OK;
      });
    });
  engines
    .command('check')
    .description('ask one engine: reachable or why not, kind, version, API, architecture, CPUs, memory, free disk, rootless, cgroups, and what a probe container there meets (the host checks\' container group)')
    .argument('<name>', 'a configured engine')
    .option('--json', 'print {name, url, host, reachable, error, hint, warnings, facts, probe} for scripts')
    .option('--no-probe', 'skip the probe container (a tiny labelled container run in an image the engine has, always removed)')
    .option('--timeout <seconds>', 'give the engine this long to answer', '10')
    .exitOverride()
    .action(async (name: string, opts: JsonOption & { probe?: boolean }) => {
      await runCommand(async () => {
        const timeoutMs = timeoutOf(opts.timeout);
        const [{ openSettings }, { findEngine, unknownEngine, checkEngine }, { renderCheck }] = await Promise.all([
          import('../engine/settings/settings-store.js'), import('../engine/engines/index.js'), import('./engines-text.js'),
        ]);
        const store = openSettingsNoisily(openSettings);
        const entry = findEngine(store, name);
        if (entry === null) {
          refuse(unknownEngine(store, name), EXIT_FAILED);
          return;
        }
        const check = await checkEngine(entry, { timeoutMs, probe: opts.probe !== false });
        if (opts.json) printJson(check);
        else process.stdout.write(renderCheck(check));
        process.exitCode = check.reachable ? EXIT_OK : EXIT_FAILED;
      });
    });
  engines
    .command('remove')
    .description('forget an engine (its images and containers stay on it)')
    .argument('<name>', 'a configured engine')
    .exitOverride()
    .action(async (name: string) => {
      await runCommand(async () => {
        const [{ openSettings }, { removeEngine }] = await Promise.all([
          import('../engine/settings/settings-store.js'), import('../engine/engines/index.js'),
        ]);
        const removed = removeEngine(openSettingsNoisily(openSettings), name);
        if (!removed.ok) {
          refuse(removed, EXIT_FAILED);
          return;
        }
        process.stdout.write(`removed engine ${removed.entry.name} (${removed.entry.url}); its images and containers stay on it\n`);
      });
    });
}

type OpenSettings = typeof import('../engine/settings/settings-store.js').openSettings;

/** The user's settings; a notice (a corrupt file moved aside, an unwritable folder) goes to stderr. */
function openSettingsNoisily(open: OpenSettings) {
  const store = open();
  if (store.notice !== undefined) process.stderr.write(`gentoo-wb: ${store.notice}\n`);
  return store;
}

function refuse(r: { message: string; hint: string }, code: number): void {
  // Names and URLs come from the command line, messages from engines: shown, never sent raw.
  process.stderr.write(`gentoo-wb: ${sanitizeText(r.message)}\n  hint: ${sanitizeText(r.hint)}\n`);
  process.exitCode = code;
}

function timeoutOf(raw: string | undefined): number {
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`--timeout ${raw ?? ''} is not a number of seconds between 0 and 600`);
  return Math.round(seconds * 1000);
}
