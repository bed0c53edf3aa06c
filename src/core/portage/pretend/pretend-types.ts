// The structured form of `emerge --pretend` output: merge list, totals, proposed config changes,
// problems, and every line the parser did not understand.

/** The first word inside a merge-list bracket. */
export type MergeKind = 'ebuild' | 'binary' | 'nomerge' | 'uninstall' | 'blocks';

/** One flag of a USE string (`USE="…"` or a USE_EXPAND group such as `PYTHON_TARGETS="…"`). */
export interface UseFlagState {
  /** The flag as printed inside its group (`python3_12` in PYTHON_TARGETS). */
  name: string;
  /** The full USE flag (`python_targets_python3_12`; same as `name` in the USE group). */
  flag: string;
  /** `USE` or the USE_EXPAND variable name. */
  group: string;
  enabled: boolean;
  /** `*`: the state differs from the installed version. */
  changed: boolean;
  /** `%`: the flag was added to or removed from IUSE. */
  newFlag: boolean;
  /** `(…)`: forced or masked by the profile. */
  forced: boolean;
  /** `{…}`: bound to FEATURES=test (Portage 2.1.11 – 2.3.44). */
  testBound: boolean;
}

/** An installed version shown in `[…]` after the package (OLDBEST). */
export interface OldVersion {
  version: string;
  slot: string | null;
  subslot: string | null;
  repo: string | null;
}

/** Details of a `[blocks B/b]` line. */
export interface BlockerInfo {
  /** `b`: the blocking package will be replaced or removed; `B`: unresolved. */
  satisfied: boolean;
  /** The atom as written in the dependency (`"dev-libs/openssl"`), or the resolved atom. */
  atom: string;
  strength: 'hard' | 'soft' | null;
  /** Packages that carry the blocker. */
  blocking: string[];
}

/** One merge-list line. */
export interface PretendPackage {
  kind: MergeKind;
  /** The text inside the leading brackets, exactly as printed (`ebuild  N     `). */
  flags: string;
  /** `cat/pn-ver` without build id; for `blocks` lines the blocked atom. */
  cpv: string;
  category: string;
  name: string;
  version: string;
  /** Binary package build id (`-1` in `expat-2.6.4-1`), not part of `cpv`. */
  buildId: number | null;
  slot: string | null;
  subslot: string | null;
  repo: string | null;
  oldVersions: OldVersion[];
  use: UseFlagState[];
  /** Download size in KiB (also for old `kB` output, which Portage computed the same way). */
  downloadKiB: number | null;
  /** Target ROOT (`/` unless the line says `to /path/`). */
  root: string;
  new: boolean;
  newSlot: boolean;
  replace: boolean;
  update: boolean;
  downgrade: boolean;
  /** `r`: rebuild forced by a sub-slot change of a dependency. */
  forcedRebuild: boolean;
  interactive: boolean;
  /** `F` (files missing) or `f` (files present). */
  fetchRestricted: boolean;
  fetch: 'F' | 'f' | 'g' | null;
  /** Mask column: `~` keyword-unstable, `*` missing keyword, `#` package.mask. */
  mask: '~' | '*' | '#' | null;
  /** `--tree` depth (spaces after `] `). */
  depth: number;
  /** Old `--quiet-repo-display` index (`[1]`, `[0=>1]`, `[?]`). */
  repoIndex: string | null;
  blocker: BlockerInfo | null;
  /** Text after the package that was not understood (empty when the line parsed fully). */
  unparsed: string;
  /** 1-based line number in the input. */
  line: number;
}

/** The `Total:` line and its continuation lines. */
export interface PretendTotal {
  packages: number;
  upgrades: number;
  downgrades: number;
  new: number;
  newSlots: number;
  reinstalls: number;
  binaries: number;
  uninstalls: number;
  interactive: number;
  downloadKiB: number;
  sizeUnit: 'KiB' | 'kB';
  fetchRestriction: { packages: number; unsatisfied: number } | null;
  conflict: { blocks: number; unsatisfied: number; allSatisfied: boolean } | null;
}

/** package.* file an autounmask change belongs in. */
export type ChangeKind = 'use' | 'keywords' | 'mask' | 'unmask' | 'license';

/** A change Portage proposes (autounmask), ready to be written into a package.* file. */
export interface PackageChange {
  kind: ChangeKind;
  /** The entry exactly as Portage prints it (`>=net-misc/curl-8.11.1 http2`). */
  line: string;
  /** The atom of the entry. */
  atom: string;
  /** Everything after the atom: flags, keywords or licences. */
  values: string[];
  /** The `# required by …` chain, nearest first (`net-misc/hurl (argument)`). */
  requiredBy: string[];
  /** Other comment lines Portage printed with the entry (mask file comments). */
  comments: string[];
  file: 'package.use' | 'package.accept_keywords' | 'package.mask' | 'package.unmask' | 'package.license';
}

/** Fields every problem carries. */
interface ProblemBase {
  message: string;
  /** Packages and atoms the problem involves. */
  packages: string[];
  /** Further lines Portage printed for this problem (prose, dependency chains). */
  details: string[];
  /** `!!! Problem resolving dependencies for …` printed just before it. */
  context?: string;
  line: number;
}

export interface PulledInBy {
  atom: string | null;
  parent: string;
}

export interface ConflictInstance {
  /** `Package.__str__` text: `dev-libs/icu-76.1:0/76.1::gentoo`. */
  package: string;
  cpv: string;
  pulledBy: PulledInBy[];
}

/** One `(dependency required by "X" [type])` line of a problem's chain. */
export interface DependencyParent {
  /** The parent as printed: `net-misc/hurl-6.0::gentoo`, or the argument/set (`net-misc/hurl`, `@world`). */
  parent: string;
  /** `ebuild`, `installed`, `binary`, `argument` or `set`. */
  type: string;
}

/** A package listed under "there are no ebuilds built with USE flags to satisfy": what it would take. */
export interface UseDepCandidate {
  cpv: string;
  repo: string | null;
  /** `(Change USE: +http2 -ssl)` as package.use flags (`http2`, `-ssl`); empty when none is offered. */
  useChanges: string[];
  /** `(Missing IUSE: quic)`: flags the package does not have, which no USE change can give it. */
  missingIuse: string[];
  /** Portage's warning that the change breaks REQUIRED_USE (`this change violates use flag constraints …`). */
  violation: string | null;
}

export interface MaskedCandidate {
  cpv: string;
  repo: string | null;
  reasons: string[];
}

export type PretendProblem =
  | (ProblemBase & { kind: 'blocker'; atom: string; strength: 'hard' | 'soft' | null; blocking: string[]; pulledIn: ConflictInstance[] })
  | (ProblemBase & { kind: 'slot-conflict'; slot: string; root: string | null; instances: ConflictInstance[] })
  | (ProblemBase & { kind: 'required-use'; atom: string; cpv: string | null; unsatisfied: string | null; expression: string | null })
  | (ProblemBase & { kind: 'masked'; atom: string; candidates: MaskedCandidate[]; maskComments: string[] })
  | (ProblemBase & {
      kind: 'no-ebuilds';
      atom: string;
      suggestions: string[];
      /** "there are no ebuilds built with USE flags to satisfy": packages exist, their USE flags do not fit. */
      useDeps: boolean;
      /** `- cpv::repo (Change USE: …)` / `(Missing IUSE: …)` lines. */
      candidates: UseDepCandidate[];
      /** The dependency chain, nearest first; empty or `[argument]` first when the atom is the recipe's own. */
      requiredBy: DependencyParent[];
    })
  | (ProblemBase & { kind: 'invalid-atom'; atom: string })
  | (ProblemBase & { kind: 'fetch-restricted'; cpv: string })
  | (ProblemBase & { kind: 'other' });

export type ProblemKind = PretendProblem['kind'];

/** Informational lines: news, config-file updates, ebuild/emerge messages. */
export interface PretendNotice {
  kind: 'news' | 'config-update' | 'autounmask' | 'message';
  text: string;
  count?: number;
  repo?: string;
  line: number;
}

/** A line the parser did not understand, kept verbatim (colour codes removed). */
export interface UnknownLine {
  line: number;
  text: string;
}

export interface PretendHeader {
  action: 'merged' | 'fetched' | 'built';
  order: 'in-order' | 'reverse' | 'unordered';
}

export interface PretendResult {
  header: PretendHeader | null;
  resolution: { seconds: number; backtrack: { used: number; max: number } | null } | null;
  packages: PretendPackage[];
  total: PretendTotal | null;
  changes: PackageChange[];
  problems: PretendProblem[];
  notices: PretendNotice[];
  /** `The following packages are causing rebuilds:` entries. */
  rebuilds: { cause: string; rebuilds: string[] }[];
  /** Old `--quiet-repo-display` legend (`[0] /usr/portage`). */
  repositories: { index: string; path: string }[];
  prompt: { question: string; answer: string | null } | null;
  nothingToMerge: boolean;
  unknown: UnknownLine[];
}
