// The full logs on disk behind the pane's bounded views: the build's output.log (engine timestamps
// taken off when it is saved or paged), a package's build.log as followed, and failure copies.
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, copyFile, mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { splitTimestamp } from '../../../core/build/run-output.js';

/** Write output.log to `dest` without the engine's timestamps; returns the number of lines. */
export async function exportBuildOutput(outputLog: string, dest: string): Promise<number> {
  await mkdir(path.dirname(dest), { recursive: true });
  const out = createWriteStream(dest);
  const lines = createInterface({ input: createReadStream(outputLog), crlfDelay: Infinity });
  let count = 0;
  try {
    for await (const line of lines) {
      if (!out.write(`${splitTimestamp(line).text}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      count++;
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  return count;
}

/** Copy a log to `dest`, making its folder. */
export async function copyLog(src: string, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  await copyFile(src, dest);
}

/** Write text to `dest`, making its folder. */
export async function writeLog(dest: string, text: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  await writeFile(dest, text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

/** The last `maxBytes` of a file (the start of a cut line dropped). */
export async function readTail(file: string, maxBytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buf = Buffer.alloc(size - start);
    await handle.read(buf, 0, buf.length, start);
    const text = buf.toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}

/** Appends to a file in order, without blocking the caller; starts the file empty. */
export function teeFile(file: string): { write(text: string): void; done(): Promise<void> } {
  let chain: Promise<void> = mkdir(path.dirname(file), { recursive: true }).then(() => writeFile(file, ''));
  let failed = false;
  return {
    write(text) {
      chain = chain.then(() => (failed ? undefined : appendFile(file, text))).catch(() => {
        // A full disk must not break the live view; the pane still shows what came.
        failed = true;
      });
    },
    done: () => chain,
  };
}

/** `cat/pf` as a file name part. */
export function cpvFileName(cpv: string): string {
  return cpv.replace(/\//g, '_');
}
