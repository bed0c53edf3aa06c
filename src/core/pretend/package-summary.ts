// One merge-list line said shortly (status letters, atom, version change, changed USE flags, size)
// and at length (what every letter and every flag decoration means). The TUI table, its detail
// view and `gentoo-wb pretend` all print from here.
import type { PretendPackage, UseFlagState } from '../portage/pretend/pretend-types.js';

export interface PackageSummary {
  /** Portage's letters without padding, prefixed for non-ebuild kinds: `N`, `U~`, `rR`, `bin N`, `B`, `del`. */
  status: string;
  /** The letters in words, most important first: `new`, `upgrade`, `keyword-masked (~)`. */
  statusWords: string[];
  /** `cat/pn` (with `:slot` when a new slot is installed beside an old one). */
  atom: string;
  /** Installed version being replaced (first of several), or null (also for a new slot). */
  oldVersion: string | null;
  /** Version to be merged; empty for blockers. */
  newVersion: string;
  /** Flags whose state changes (`*`) or that are new in IUSE (`%`). */
  useChanges: UseFlagState[];
  /** `+http2 +websockets%` (empty when nothing changes). */
  useText: string;
  downloadKiB: number | null;
}

const LETTER_WORDS: [keyof PretendPackage, string][] = [
  ['new', 'new'],
  ['newSlot', 'new slot'],
  ['update', 'upgrade'],
  ['downgrade', 'downgrade'],
  ['replace', 'reinstall'],
  ['forcedRebuild', 'rebuild for a sub-slot change'],
  ['interactive', 'interactive'],
];

const MASK_WORDS: Record<NonNullable<PretendPackage['mask']>, string> = {
  '~': 'keyword-masked (~): testing branch',
  '*': 'missing keyword (*)',
  '#': 'masked in package.mask (#)',
};

function statusOf(pkg: PretendPackage): string {
  const letters = pkg.flags.slice(pkg.kind.length).replace(/\s+/g, '');
  switch (pkg.kind) {
    case 'ebuild':
      return letters;
    case 'binary':
      return `bin ${letters}`.trim();
    case 'uninstall':
      return 'del';
    case 'nomerge':
      return 'nomrg';
    case 'blocks':
      return pkg.blocker?.satisfied ? 'b' : 'B';
  }
}

function wordsOf(pkg: PretendPackage): string[] {
  if (pkg.kind === 'blocks') {
    const b = pkg.blocker;
    return [b?.satisfied ? 'blocker Portage resolves by itself (b)' : 'unresolved blocker (B)'];
  }
  if (pkg.kind === 'uninstall') return ['uninstalled to resolve a blocker'];
  if (pkg.kind === 'nomerge') return ['already installed, shown for the tree'];
  const words = LETTER_WORDS.filter(([key]) => pkg[key] === true).map(([, w]) => w);
  if (pkg.kind === 'binary') words.unshift('binary package');
  if (pkg.fetch === 'F') words.push('fetch-restricted: files missing (F)');
  else if (pkg.fetch === 'f') words.push('fetch-restricted: files present (f)');
  if (pkg.mask) words.push(MASK_WORDS[pkg.mask]);
  return words;
}

/** `+http2`, `-ipv6`, `+websockets%`, `python_targets_python3_12` for USE_EXPAND flags. */
function changeText(flag: UseFlagState): string {
  return `${flag.enabled ? '+' : '-'}${flag.flag}${flag.newFlag ? '%' : ''}`;
}

/** The short form of a merge-list line. */
export function summarisePackage(pkg: PretendPackage): PackageSummary {
  const useChanges = pkg.use.filter((f) => f.changed || f.newFlag);
  const cp = pkg.kind === 'blocks' ? pkg.cpv : `${pkg.category}/${pkg.name}`;
  return {
    status: statusOf(pkg),
    statusWords: wordsOf(pkg),
    atom: pkg.newSlot && pkg.slot ? `${cp}:${pkg.slot}` : cp,
    // A new slot installs beside the old versions; they are not being replaced.
    oldVersion: pkg.newSlot ? null : (pkg.oldVersions[0]?.version ?? null),
    newVersion: pkg.version,
    useChanges,
    useText: useChanges.map(changeText).join(' '),
    downloadKiB: pkg.downloadKiB,
  };
}

/** The flag as Portage decorates it: `(-http3)`, `websockets%*`, `{-test}`. */
export function decoratedFlag(flag: UseFlagState): string {
  let text = `${flag.enabled ? '' : '-'}${flag.name}${flag.newFlag ? '%' : ''}${flag.changed ? '*' : ''}`;
  if (flag.testBound) text = `{${text}}`;
  if (flag.forced) text = `(${text})`;
  return text;
}

/** What a flag's decorations mean, in words. */
export function flagMeaning(flag: UseFlagState): string {
  const parts = [flag.enabled ? 'on' : 'off'];
  if (flag.changed) parts.push('changed (*)');
  if (flag.newFlag) parts.push(flag.enabled || flag.changed ? 'new in IUSE (%)' : 'added to or removed from IUSE (%)');
  if (flag.forced) parts.push(flag.enabled ? 'forced by the profile ()' : 'masked by the profile ()');
  if (flag.testBound) parts.push('follows FEATURES=test ({})');
  return parts.join(', ');
}

/** Download size as Portage counts it (KiB), shortened above 10 MiB: `0 KiB`, `3106 KiB`, `29.1 MiB`. */
export function formatKiB(kib: number | null): string {
  if (kib === null) return '';
  if (kib < 10 * 1024) return `${kib} KiB`;
  if (kib < 10 * 1024 * 1024) return `${(kib / 1024).toFixed(1)} MiB`;
  return `${(kib / 1024 / 1024).toFixed(1)} GiB`;
}
