// Which catalogue entries the engine already has: the moving tag itself and any dated copies.
import { parseStage3Tag, stage3TagOf, type CatalogueEntry } from './stage3-catalogue.js';

export interface CatalogueRow extends CatalogueEntry {
  /** The moving tag (`amd64-openrc`) is present locally. */
  present: boolean;
  /** Dates of local `TAG-YYYYMMDD` copies, newest first. */
  dated: string[];
}

/** Mark each entry with what the local image tags (any references; non-stage3 ones are ignored) hold. */
export function markPresence(entries: readonly CatalogueEntry[], localRefs: readonly string[]): CatalogueRow[] {
  const present = new Set<string>();
  const dated = new Map<string, string[]>();
  for (const ref of localRefs) {
    const tag = stage3TagOf(ref);
    if (tag === null) continue;
    const parsed = parseStage3Tag(tag);
    if (parsed.date === null) present.add(parsed.base);
    else dated.set(parsed.base, [...(dated.get(parsed.base) ?? []), parsed.date]);
  }
  return entries.map((e) => ({
    ...e,
    present: present.has(e.tag),
    dated: [...new Set(dated.get(e.tag) ?? [])].sort().reverse(),
  }));
}
