// Read a tree archive into what the ROOT check needs: every path with its kind, the ELF facts of
// ELF files (each read whole, one at a time, because the dynamic section can be anywhere), and the
// loader configuration texts. Nothing else is kept in memory.
import type { Readable } from 'node:stream';
import { ELF_HEADER_MIN, isElf, readElf, type ElfInfo } from '../../../core/elf/elf-reader.js';
import { isLoaderConfig } from '../../../core/elf/ld-so-conf.js';
import { TreeIndex } from '../../../core/elf/tree-index.js';
import { forEachTreeEntry } from './tree-archive.js';

export interface TreeScan {
  tree: TreeIndex;
  loaderConfig: Map<string, string>;
  unreadable: { file: string; problem: string }[];
  /** Regular files and their bytes. */
  files: number;
  bytes: number;
}

/** Consume one file entry: its ELF facts, its text when wanted, and why an ELF could not be read. */
async function readFile(stream: Readable, wantText: boolean): Promise<{ elf: ElfInfo | null; problem: string | null; text: string | null }> {
  const chunks: Buffer[] = [];
  let length = 0;
  let keep: boolean | null = wantText ? true : null;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (keep === false) continue;
    chunks.push(chunk);
    length += chunk.length;
    if (keep === null && length >= 4) {
      keep = isElf(Buffer.concat(chunks).subarray(0, 4));
      if (!keep) chunks.length = 0;
    }
  }
  if (!keep) return { elf: null, problem: null, text: null };
  const all = Buffer.concat(chunks);
  if (all.length >= ELF_HEADER_MIN && isElf(all)) {
    const read = readElf(all);
    return read.ok ? { elf: read.elf, problem: null, text: null } : { elf: null, problem: read.problem, text: null };
  }
  return { elf: null, problem: null, text: wantText ? all.toString('utf8') : null };
}

/** Scan a tree archive (see openTreeArchive). */
export async function scanTree(archive: Readable): Promise<TreeScan> {
  const scan: TreeScan = { tree: new TreeIndex(), loaderConfig: new Map(), unreadable: [], files: 0, bytes: 0 };
  await forEachTreeEntry(archive, async (entry) => {
    const { header, path } = entry;
    if (header.type === 'file' || header.type === 'contiguous-file') {
      const read = await readFile(entry.stream, isLoaderConfig(path));
      scan.tree.add(path, { kind: 'file', size: header.size ?? 0, elf: read.elf });
      if (read.problem) scan.unreadable.push({ file: path, problem: read.problem });
      if (read.text !== null) scan.loaderConfig.set(path, read.text);
      scan.files++;
      scan.bytes += header.size ?? 0;
      return;
    }
    entry.stream.resume();
    if (path === '/') return;
    if (header.type === 'directory') scan.tree.add(path, { kind: 'dir' });
    else if (header.type === 'symlink') scan.tree.add(path, { kind: 'symlink', target: header.linkname ?? '' });
    else if (header.type === 'link' && entry.linkPath) scan.tree.add(path, scan.tree.get(entry.linkPath) ?? { kind: 'other' });
    else scan.tree.add(path, { kind: 'other' });
  });
  return scan;
}
