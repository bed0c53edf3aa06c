// `gentoo-wb inspect IMAGE [--json] [--layers|--packages|--dirs] [--diff OTHER]`: where every
// megabyte of an image comes from — layers, packages, directories, dive's efficiency and wasted
// bytes, the base image's share — and a diff against another image, the base or the previous build.
import type { Command } from 'commander';
import type { EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

export interface InspectFlags extends EngineFlags {
  json?: boolean;
  layers?: boolean;
  packages?: boolean;
  dirs?: boolean;
  diff?: string;
  depth?: string;
  quiet?: boolean;
}

export type InspectSection = 'summary' | 'layers' | 'packages' | 'dirs';

/** What `inspect` was asked to show, checked. */
export interface InspectRequest {
  image: string;
  section: InspectSection;
  /** An image, or `base` / `previous`. */
  diff: string | null;
  depth: number;
  json: boolean;
}

/** Turn options into a request, or explain the usage mistake. */
export function inspectRequestFrom(image: string, flags: InspectFlags): InspectRequest {
  const sections = (['layers', 'packages', 'dirs'] as const).filter((s) => flags[s]);
  if (sections.length > 1) throw new UsageError(`choose one of --layers, --packages and --dirs (got ${sections.map((s) => `--${s}`).join(', ')})`);
  if (flags.diff !== undefined && sections.length > 0) throw new UsageError('--diff prints the diff; leave out --layers/--packages/--dirs');
  const depth = flags.depth === undefined ? (flags.json ? 3 : 2) : Number(flags.depth);
  if (!Number.isInteger(depth) || depth < 1 || depth > 64) throw new UsageError(`--depth takes a number of levels from 1 to 64, not "${flags.depth}"`);
  return { image, section: sections[0] ?? 'summary', diff: flags.diff ?? null, depth, json: flags.json === true };
}

/** Register `inspect` on the program. */
export function register(program: Command): void {
  program
    .command('inspect')
    .description('show where the size of an image comes from: layers, packages, directories, wasted bytes, efficiency, base share')
    .argument('<image>', 'image name or ID')
    .option('--json', 'print {id, size, layers, packages, dirs, wastedBytes, efficiency, …} (sizes in bytes)')
    .option('--layers', 'only the layers: size, files added/changed/removed, created by')
    .option('--packages', 'only the packages, largest first')
    .option('--dirs', 'only the directories, largest first (see --depth)')
    .option('--depth <n>', 'directory levels for --dirs and --json (default 2, 3 with --json)')
    .option('--diff <other>', 'compare with another image, or "base" (the base image), or "previous" (the previous build of the same recipe)')
    .option('-q, --quiet', 'no progress line')
    .action(async (image: string, _opts: InspectFlags, command: Command) => {
      const flags = command.optsWithGlobals<InspectFlags>();
      const request = inspectRequestFrom(image, flags);
      const { runInspectCommand } = await import('./inspect-command.js');
      await runInspectCommand(request, flags);
    });
}
