// metadata/md5-cache/CAT/PF files (egencache output): one `KEY=value` per line, values unquoted.
import type { CacheEntry } from './repo-index-types.js';

/** The fields of one md5-cache file that the index keeps. */
export function parseMd5Cache(text: string): CacheEntry {
  const entry: CacheEntry = { description: '', slot: '0', keywords: [], iuse: [] };
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const value = line.slice(eq + 1).replace(/\r$/, '');
    switch (line.slice(0, eq)) {
      case 'DESCRIPTION': entry.description = value.trim(); break;
      case 'SLOT': entry.slot = value.trim() || '0'; break;
      case 'KEYWORDS': entry.keywords = value.split(/\s+/).filter(Boolean); break;
      case 'IUSE': entry.iuse = value.split(/\s+/).filter(Boolean); break;
      default: break;
    }
  }
  return entry;
}
