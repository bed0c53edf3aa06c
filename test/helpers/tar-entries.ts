// Read and write tar archives in tests with tar-stream alone (none of the product's tar code in between),
// so that what a test reads of an archive the product made is what any tar reader would see.
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';

/** An archive: its bytes, or a stream of them (Node's or tar-stream's own, such as an entry of an outer archive). */
export type TarSource = Buffer | { pipe(destination: NodeJS.WritableStream): unknown; on(event: 'error', listener: (err: Error) => void): unknown };

export interface TarEntry {
  header: tar.Header;
  /** The entry's whole body (empty for folders, links and devices). */
  body: Buffer;
}

/** Every entry of the archive in order, each with its whole body; an error of the source ends the reading with it. */
export async function* tarEntries(source: TarSource): AsyncGenerator<TarEntry> {
  const stream = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  const extract = tar.extract();
  stream.on('error', (err) => extract.destroy(err));
  stream.pipe(extract as unknown as NodeJS.WritableStream);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry as AsyncIterable<Buffer>) chunks.push(c);
    yield { header: entry.header, body: Buffer.concat(chunks) };
  }
}

/** An entry's name as a path: without a leading `./` or `/` and without a trailing `/`. */
export function entryPath(name: string): string {
  return name.replace(/^\.?\//, '').replace(/\/$/, '');
}

/** The archive's entries by path (entryPath), each as `facts` describes it; a later entry of a path wins. */
export async function tarFiles<T>(source: TarSource, facts: (entry: TarEntry) => T): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for await (const entry of tarEntries(source)) out.set(entryPath(entry.header.name), facts(entry));
  return out;
}

/** The bytes of a tar archive that `fill` writes its entries into (read while written, so large bodies do not pile up). */
export async function packTar(fill: (pack: tar.Pack) => void): Promise<Buffer> {
  const pack = tar.pack();
  const done = (async () => {
    const chunks: Buffer[] = [];
    for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
    return Buffer.concat(chunks);
  })();
  try {
    fill(pack);
  } catch (err) {
    done.catch(() => undefined);
    pack.destroy();
    throw err;
  }
  pack.finalize();
  return done;
}

/** The bytes of a tar archive of these entries, in order. */
export function tarOf(entries: { header: Partial<tar.Header> & { name: string }; body?: Buffer | string }[]): Promise<Buffer> {
  return packTar((pack) => {
    for (const { header, body } of entries) pack.entry(header, body ?? '');
  });
}
