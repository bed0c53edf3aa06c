// What `gentoo-wb inspect` was asked to show: its options, and the InspectRequest they become, checked.
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
