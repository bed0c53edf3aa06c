// Portage's own word on binaries it passed over (depgraph._show_ignored_binaries, printed unless
// --binpkg-respect-use / --binpkg-changed-deps is given explicitly, which pretend never passes):
//   !!! The following binary packages have been ignored due to non matching USE:
//       =app-misc/hello-2.12.1 nls              (the flags as the binary has them)
//   !!! The following binary packages have been ignored due to changed dependencies:
//        dev-libs/foo-1.0::gentoo

export interface IgnoredBinary {
  cpv: string;
  reason: 'use' | 'changed-deps';
  /** For `use`: the differing flags as the binary was built (`nls`, `-debug`). */
  flags: string[];
  /** `# for /dest` after the line: the ROOT the package is for; `/` otherwise. */
  root: string;
}

const USE_HEADER = '!!! The following binary packages have been ignored due to non matching USE:';
const DEPS_HEADER = '!!! The following binary packages have been ignored due to changed dependencies:';

/** Binaries Portage says it ignored, from the raw pretend text (colour codes removed by the caller or here). */
export function ignoredBinaries(text: string): IgnoredBinary[] {
  const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
  const out: IgnoredBinary[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = (lines[i] ?? '').trim();
    const reason = head === USE_HEADER ? 'use' : head === DEPS_HEADER ? 'changed-deps' : null;
    if (!reason) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    for (; j < lines.length; j++) {
      const line = (lines[j] ?? '').trim();
      if (line === '' || line.startsWith('NOTE:') || line.startsWith('!!!')) break;
      const [entry = '', forRoot] = line.split(' # for ');
      const [atom = '', ...flags] = entry.trim().split(/\s+/);
      const cpv = (reason === 'use' ? atom.replace(/^=/, '') : atom.split('::')[0]) ?? '';
      if (cpv.includes('/')) out.push({ cpv, reason, flags: reason === 'use' ? flags : [], root: forRoot?.trim() || '/' });
    }
    i = j - 1;
  }
  return out;
}
