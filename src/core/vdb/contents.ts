// /var/db/pkg/CAT/PF/CONTENTS: what an installed package owns. Paths may contain spaces, so fields
// are taken from the right (`obj PATH MD5 MTIME`, `sym PATH -> TARGET MTIME`, `dir PATH`).
export type ContentsEntry =
  | { type: 'obj'; path: string; md5: string; mtime: number }
  | { type: 'sym'; path: string; target: string; mtime: number }
  | { type: 'dir'; path: string }
  | { type: 'dev' | 'fif'; path: string };

/** Parse CONTENTS text; lines that fit no form are skipped (a vdb is written by Portage, not people). */
export function parseContents(text: string): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const kind = line.slice(0, space);
    const rest = line.slice(space + 1);
    if (kind === 'dir' || kind === 'dev' || kind === 'fif') {
      if (rest) out.push({ type: kind, path: rest });
    } else if (kind === 'obj') {
      const m = /^(.+) ([0-9a-f]{32}) (\d+)$/.exec(rest);
      if (m) out.push({ type: 'obj', path: m[1]!, md5: m[2]!, mtime: Number(m[3]) });
    } else if (kind === 'sym') {
      const m = /^(.+?) -> (.+) (\d+)$/.exec(rest);
      if (m) out.push({ type: 'sym', path: m[1]!, target: m[2]!, mtime: Number(m[3]) });
    }
  }
  return out;
}

/** The files and links a package owns (directories left out). */
export function ownedFiles(entries: ContentsEntry[]): string[] {
  return entries.filter((e) => e.type === 'obj' || e.type === 'sym').map((e) => e.path);
}
