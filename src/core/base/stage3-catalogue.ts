// The official gentoo/stage3 tags (gentoo/gentoo-docker-images): per-architecture variant tags,
// the multi-arch aliases, and the weekly date tags `TAG-YYYYMMDD`. Pure data and name logic; which
// of them are present locally is the engine's business.

const STAGE3_REPO = 'gentoo/stage3';

export const STAGE3_ARCHES = ['amd64', 'arm64', 'x86', 'arm', 'ppc64le', 'riscv', 's390x'] as const;
export type Stage3Arch = (typeof STAGE3_ARCHES)[number];

const ARM_CPUS = ['armv5tel', 'armv6j', 'armv6j_hardfp', 'armv7a', 'armv7a_hardfp'];

/** Variant tags per architecture, as published (the tag names the arch where the arch needs it). */
const STAGE3_VARIANTS: Readonly<Record<Stage3Arch, readonly string[]>> = {
  amd64: [
    'openrc', 'systemd', 'nomultilib-openrc', 'nomultilib-systemd', 'hardened-openrc', 'musl', 'musl-hardened', 'musl-llvm',
    'llvm-openrc', 'llvm-systemd', 'desktop-openrc', 'desktop-systemd',
  ].map((v) => `amd64-${v}`),
  arm64: ['openrc', 'systemd', 'musl', 'musl-hardened', 'musl-llvm', 'llvm-openrc', 'llvm-systemd', 'desktop-openrc', 'desktop-systemd'].map((v) => `arm64-${v}`),
  x86: ['i686-openrc', 'i686-systemd', 'i686-hardened-openrc', 'i686-musl', 'i686-ssemath-t64-openrc', 'i686-ssemath-t64-systemd'],
  arm: [...ARM_CPUS.flatMap((cpu) => [`${cpu}-openrc`, `${cpu}-systemd`]), 'armv7a_hardfp_musl-openrc'],
  ppc64le: ['ppc64le-openrc', 'ppc64le-systemd', 'ppc64le-musl-hardened-openrc'],
  riscv: ['rv64_lp64-openrc', 'rv64_lp64-systemd', 'rv64_lp64d-openrc', 'rv64_lp64d-systemd'],
  s390x: ['s390x'],
};

/** Multi-arch aliases: the engine picks the image for its own architecture. */
const STAGE3_ALIASES: Readonly<Record<string, string>> = {
  latest: 'OpenRC, for the engine\'s architecture',
  systemd: 'systemd',
  desktop: 'desktop profile (OpenRC)',
  hardened: 'hardened toolchain (OpenRC)',
  llvm: 'LLVM/Clang toolchain (OpenRC)',
  'llvm-systemd': 'LLVM/Clang toolchain, systemd',
  musl: 'musl C library',
  'musl-hardened': 'musl C library, hardened',
  'musl-llvm': 'musl C library, LLVM/Clang toolchain',
  nomultilib: 'no 32-bit libraries (OpenRC)',
  'nomultilib-systemd': 'no 32-bit libraries, systemd',
  'ssemath-t64': 'x86: SSE maths, 64-bit time_t',
  'ssemath-t64-systemd': 'x86: SSE maths, 64-bit time_t, systemd',
  t64: '64-bit time_t (Year 2038 safe on 32-bit x86)',
  't64-systemd': '64-bit time_t, systemd',
};

const WORDS: Record<string, string> = {
  openrc: 'OpenRC', systemd: 'systemd', nomultilib: 'no multilib', hardened: 'hardened', musl: 'musl',
  llvm: 'LLVM', desktop: 'desktop', ssemath: 'SSE maths', t64: '64-bit time_t', i686: 'i686',
};

export interface CatalogueEntry {
  /** The tag alone: `amd64-openrc`, `latest`. */
  tag: string;
  /** `gentoo/stage3:TAG`. */
  ref: string;
  kind: 'variant' | 'alias';
  /** The architecture a variant is built for; null for aliases (every architecture). */
  arch: Stage3Arch | null;
  /** A few words on what sets it apart. */
  summary: string;
}

function variantSummary(arch: Stage3Arch, tag: string): string {
  if (arch === 's390x') return 's390x';
  const parts = tag.split('-');
  // amd64-*, arm64-*, ppc64le-*: the arch prefix says nothing new; elsewhere the first part names the CPU.
  const named = arch === 'amd64' || arch === 'arm64' || arch === 'ppc64le';
  const words = (named ? parts.slice(1) : parts).map((p) => WORDS[p] ?? p);
  return words.join(', ');
}

/** The catalogue for one architecture: its variants first, then the aliases. */
export function stage3Catalogue(arch: Stage3Arch): CatalogueEntry[] {
  const variants = STAGE3_VARIANTS[arch].map((tag): CatalogueEntry => ({ tag, ref: `${STAGE3_REPO}:${tag}`, kind: 'variant', arch, summary: variantSummary(arch, tag) }));
  const aliases = Object.entries(STAGE3_ALIASES).map(([tag, summary]): CatalogueEntry => ({ tag, ref: `${STAGE3_REPO}:${tag}`, kind: 'alias', arch: null, summary }));
  return [...variants, ...aliases];
}

/** The stage3 architecture for an engine's architecture (Go names such as amd64, or uname names such as x86_64). */
export function stage3ArchOf(engineArch: string): Stage3Arch | null {
  const a = engineArch.trim().toLowerCase();
  if (a === 'amd64' || a === 'x86_64') return 'amd64';
  if (a === 'arm64' || a === 'aarch64') return 'arm64';
  if (a === '386' || a === 'i386' || a === 'i686' || a === 'x86') return 'x86';
  if (a === 'arm' || a.startsWith('armv')) return 'arm';
  if (a === 'ppc64le') return 'ppc64le';
  if (a === 'riscv64' || a === 'riscv') return 'riscv';
  if (a === 's390x') return 's390x';
  return null;
}

const DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** `YYYYMMDD` of a date (UTC). */
function dateStamp(date: Date): string {
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** The most recent Monday on or before `now` (UTC): stage3 images are published weekly on Mondays. */
export function lastWeeklyDate(now: Date): string {
  const day = now.getUTCDay(); // 0 Sunday … 1 Monday
  const back = (day + 6) % 7;
  return dateStamp(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - back)));
}

/** True when `YYYYMMDD` is a real calendar date. */
function isDateStamp(stamp: string): boolean {
  const m = DATE.exec(stamp);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateStamp(d) === stamp;
}

export interface Stage3Tag {
  /** The undated tag (`amd64-openrc`, `latest`). */
  base: string;
  /** `YYYYMMDD`, or null for the moving tag. */
  date: string | null;
  /** The catalogue entry, when the base is an official tag (for any architecture). */
  entry: CatalogueEntry | null;
}

const ALL_ENTRIES: ReadonlyMap<string, CatalogueEntry> = new Map(
  STAGE3_ARCHES.flatMap((arch) => stage3Catalogue(arch)).map((e) => [e.tag, e]),
);

/** Split a stage3 tag into its official base tag and date; `latest-20260420` and `amd64-openrc` both work. */
export function parseStage3Tag(tag: string): Stage3Tag {
  const dash = tag.lastIndexOf('-');
  const tail = dash >= 0 ? tag.slice(dash + 1) : '';
  if (dash > 0 && isDateStamp(tail)) {
    const base = tag.slice(0, dash);
    return { base, date: tail, entry: ALL_ENTRIES.get(base) ?? null };
  }
  return { base: tag, date: null, entry: ALL_ENTRIES.get(tag) ?? null };
}

/** The tag of a reference to gentoo/stage3 (`docker.io/` prefixes allowed), or null for other images. */
export function stage3TagOf(ref: string): string | null {
  const short = ref.replace(/^docker\.io\//, '').replace(/^index\.docker\.io\//, '');
  if (!short.startsWith(`${STAGE3_REPO}:`)) return short === STAGE3_REPO ? 'latest' : null;
  const tag = short.slice(STAGE3_REPO.length + 1);
  return tag.includes('@') ? tag.slice(0, tag.indexOf('@')) : tag;
}

/** Why a tag the user typed is not an official stage3 tag (null when it is one, dated or not). */
export function stage3TagProblem(tag: string): string | null {
  if (tag === '') return 'type a tag, e.g. amd64-openrc or amd64-openrc-20260420';
  const parsed = parseStage3Tag(tag);
  if (parsed.entry) return null;
  const dash = tag.lastIndexOf('-');
  if (dash > 0 && /^\d{8}$/.test(tag.slice(dash + 1)) && !isDateStamp(tag.slice(dash + 1))) return `${tag.slice(dash + 1)} is not a date (YYYYMMDD)`;
  return `${parsed.base} is not an official stage3 tag (see the catalogue)`;
}
