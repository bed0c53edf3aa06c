// Loads the shared Portage transcripts (../shared/portage relative to the repository root).
// Real-world samples start with `# source:` / `# kind:` / `# note:` header lines that are not part
// of the sample; they are stripped here and only here.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
/** /work/shared/portage when the repository is /work/main (test/core → ../../../shared/portage). */
export const PORTAGE_DIR = path.resolve(here, '../../../shared/portage');
export const RIG_DIR = path.join(PORTAGE_DIR, 'rig');
export const REAL_WORLD_DIR = path.join(PORTAGE_DIR, 'real-world');

const HEADER_PREFIXES = ['# source: ', '# kind: ', '# note: '];

/** A rig transcript (exact bytes, decoded as UTF-8). */
export function rig(name: string): string {
  return readFileSync(path.join(RIG_DIR, name.endsWith('.txt') ? name : `${name}.txt`), 'utf8');
}

/** A real-world sample without its provenance header lines. */
export function realWorld(name: string): string {
  const text = readFileSync(path.join(REAL_WORLD_DIR, name.endsWith('.txt') ? name : `${name}.txt`), 'utf8');
  return stripProvenance(text);
}

/** Removes the leading `# source:`/`# kind:`/`# note:` lines (only at the top of the file). */
export function stripProvenance(text: string): string {
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const line = text.slice(pos, nl < 0 ? text.length : nl);
    if (!HEADER_PREFIXES.some((p) => line.startsWith(p))) return text.slice(pos);
    if (nl < 0) return '';
    pos = nl + 1;
  }
}

/** The command recorded beside a rig transcript (the indented line under `# command:`). */
export function rigCommand(name: string): string {
  const cmd = readFileSync(path.join(RIG_DIR, `${name}.cmd`), 'utf8');
  const line = cmd.split('\n').find((l) => l.startsWith('    '));
  return (line ?? '').trim();
}

/** Every `.txt` file of a transcript directory. */
export function listTranscripts(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
}

/** Splits text into chunks of the given size (to feed incremental parsers). */
export function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
