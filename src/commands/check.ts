// `gentoo-wb check`: the Host screen's checks without a terminal UI, as aligned text or JSON.
// Exit codes (CHECK_EXIT in core/host/gate.ts): 0 nothing failed (warnings allowed), 1 a failure
// that breaks builds, 3 only kernel options missing while the engine runs containers, 2 usage.
import type { Command } from 'commander';
import { UsageError } from './usage-error.js';

const EXIT_HELP = `
Exit status:
  0  nothing failed (warnings allowed)
  1  a check failed that breaks builds (or the engine could not be asked)
  2  usage mistake
  3  only kernel options are missing, and the engine still runs containers without them
     (e.g. CONFIG_NETFILTER_XT_MATCH_IPVS, needed only for swarm-mode services)
`;

interface CheckOptions {
  json?: boolean;
  plain?: boolean;
  root?: string;
  group?: string[];
  probe?: boolean;
  fixes?: boolean;
  host?: string;
  context?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').filter((v) => v.trim() !== '')];
}

/** Register `check` on the program. */
export function register(program: Command): void {
  program
    .command('check')
    .description('check this host (kernel, cgroups, permissions, engine) and say how to fix what is missing')
    .option('--json', 'print findings as JSON for scripts')
    .option('--plain', 'ASCII text only (no Unicode arrows)')
    .option('--root <dir>', 'read a mounted system\'s files under DIR instead of / (a chroot or a disk)')
    .option('--group <name>', 'only these groups: engine, permissions, kernel, cgroups, rootless, podman, sizing, container (repeatable)', collect)
    .option('--no-probe', 'do not start the container probe')
    .option('--fixes', 'show fix lines for every finding, not only problems')
    .addHelpText('after', EXIT_HELP)
    // Subcommands do not inherit the program's exitOverride: without this a usage error would exit 1.
    .exitOverride()
    .action(async (_opts: CheckOptions, command: Command) => {
      const opts = command.optsWithGlobals<CheckOptions>();
      const [{ parseGroupName, FINDING_GROUPS }, { checkHost }, { reportText }, { reportJson }, { chooseGlyphs }, { existsSync, statSync }, { CHECK_EXIT, checkVerdict }] = await Promise.all([
        import('../core/host/finding.js'),
        import('../engine/host/check-host.js'),
        import('../core/host/report-text.js'),
        import('../core/host/report-json.js'),
        import('../core/glyphs.js'),
        import('node:fs'),
        import('../core/host/gate.js'),
      ]);
      const groups = (opts.group ?? []).map((name) => {
        const g = parseGroupName(name);
        if (g === null) throw new UsageError(`unknown group "${name}"; groups are ${FINDING_GROUPS.join(', ')}`);
        return g;
      });
      if (opts.root !== undefined && !(existsSync(opts.root) && statSync(opts.root).isDirectory())) {
        throw new UsageError(`--root ${opts.root} is not a directory`);
      }
      if (opts.json && opts.plain) throw new UsageError('--json and --plain exclude each other');
      const wanted = groups.length > 0 ? groups : FINDING_GROUPS;
      const report = await checkHost(
        { root: opts.root, host: opts.host, context: opts.context, probe: opts.probe !== false, rootless: groups.includes('rootless') },
        wanted,
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(reportJson(report.result, report.facts.root, report.elapsedMs), null, 2)}\n`);
      } else {
        const ascii = opts.plain === true || chooseGlyphs(process.env).focus === '>';
        process.stdout.write(reportText(report.result, { ascii, allFixes: opts.fixes === true }, report.elapsedMs));
      }
      process.exitCode = CHECK_EXIT[checkVerdict(report.result)];
    });
}
