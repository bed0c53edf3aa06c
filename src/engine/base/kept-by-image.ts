// What was read from an image, kept in a file under the cache folder between runs. An image ID names
// the image's content, so a reading of that ID holds until the reading itself changes meaning (then its
// format number is bumped and older files are ignored). A file that cannot be read or parsed, or whose
// stamp differs, counts as not kept; failing to keep one only costs the next run the reading.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appPaths } from '../paths.js';

/** What names one kept reading: its format, the image ID, and whatever else it depends on (a tree). */
export type KeptStamp = Readonly<Record<string, string | number>>;

export interface KeptReading<T> {
  /** The kept value, or null when there is none for this stamp. */
  read(): Promise<T | null>;
  /** Keep `value` (atomically: a reader never sees half a file). */
  keep(value: T): Promise<void>;
}

/** The file for readings of kind `folder` (e.g. `base-facts`) stamped `stamp`, under `env`'s cache folder. */
export function keptReading<T>(env: NodeJS.ProcessEnv, folder: string, stamp: KeptStamp): KeptReading<T> {
  const name = Object.entries(stamp).filter(([k]) => k !== 'format').map(([, v]) => String(v)).join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
  const file = path.join(appPaths(env).cache, folder, `${name}.json`);
  return {
    async read() {
      try {
        const kept = JSON.parse(await readFile(file, 'utf8')) as { stamp?: Record<string, unknown>; value?: T };
        const same = kept.stamp !== undefined && Object.entries(stamp).every(([k, v]) => kept.stamp?.[k] === v);
        return same && kept.value !== undefined ? kept.value : null;
      } catch {
        return null;
      }
    },
    async keep(value) {
      try {
        await mkdir(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, JSON.stringify({ stamp, value }));
        await rename(temp, file);
      } catch {
        // Keeping it only saves time next run; a read-only cache folder costs that and nothing else.
      }
    },
  };
}
