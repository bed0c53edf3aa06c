// The installed-package database of an image: read from /var/db/pkg in its layers, or — for scratch
// images, which carry none — from the build record, where the build stores a capture taken before
// stripping as `record.extras.packages`. One type for both, so sizes, diffs and SBOMs do not care
// where it came from.
import { z } from 'zod';
import { splitCpv } from '../portage/names.js';
import { parseContents } from '../vdb/contents.js';

/** A file a package installed; `size` is known when the capture measured it. */
export interface PackageFile {
  path: string;
  size: number | null;
}

export interface InstalledPackage {
  /** `cat/pf`, e.g. dev-libs/openssl-3.3.2-r2. */
  cpv: string;
  slot: string | null;
  repository: string | null;
  /** Enabled USE flags (limited to the package's IUSE when that is known). */
  use: string[];
  /** LICENSE as Portage recorded it (may hold `|| ( … )` and `flag? ( … )` groups). */
  license: string | null;
  /** Bytes Portage recorded at merge time (vdb SIZE). */
  recordedSize: number | null;
  /** Portage's merge counter: with two claims on one path, the later merge owns it. */
  counter: number | null;
  /** Files and symlinks the package owns (directories left out). */
  files: PackageFile[];
}

export type PackageDbSource = 'image' | 'build-record';

export interface PackageDb {
  source: PackageDbSource;
  packages: InstalledPackage[];
}

/** The vdb files the engine reads from each package folder. */
const VDB_KEYS = ['CONTENTS', 'SIZE', 'USE', 'IUSE', 'LICENSE', 'repository', 'SLOT', 'COUNTER'] as const;
export type VdbKey = (typeof VDB_KEYS)[number];

const VDB_FILE = /^\/var\/db\/pkg\/([^/]+)\/([^/]+)\/([A-Za-z_]+)$/;

/** Is this absolute path one of the vdb files worth reading whole? */
export function isVdbFile(path: string): boolean {
  const m = VDB_FILE.exec(path);
  return m !== null && (VDB_KEYS as readonly string[]).includes(m[3]!) && !m[2]!.startsWith('-MERGING-');
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
}

function words(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean);
}

/** USE as recorded, narrowed to IUSE (USE also lists arch, ELIBC, KERNEL… which say nothing about the package). */
function enabledFlags(use: string | undefined, iuse: string | undefined): string[] {
  const flags = words(use);
  if (iuse === undefined) return flags;
  const declared = new Set(words(iuse).map((f) => f.replace(/^[+-]/, '')));
  return flags.filter((f) => declared.has(f));
}

/** Packages from vdb file texts keyed by absolute path (`/var/db/pkg/CAT/PF/KEY`). */
export function packagesFromVdbFiles(files: ReadonlyMap<string, string>): InstalledPackage[] {
  const byPackage = new Map<string, Partial<Record<VdbKey, string>>>();
  for (const [path, text] of files) {
    const m = VDB_FILE.exec(path);
    if (!m || !(VDB_KEYS as readonly string[]).includes(m[3]!)) continue;
    const cpv = `${m[1]}/${m[2]}`;
    if (!splitCpv(cpv)) continue;
    const keys = byPackage.get(cpv) ?? {};
    keys[m[3] as VdbKey] = text;
    byPackage.set(cpv, keys);
  }
  return [...byPackage.entries()]
    .map(([cpv, keys]): InstalledPackage => ({
      cpv,
      slot: keys.SLOT?.trim() || null,
      repository: keys.repository?.trim() || null,
      use: enabledFlags(keys.USE, keys.IUSE),
      license: keys.LICENSE?.trim() || null,
      recordedSize: numberOrNull(keys.SIZE),
      counter: numberOrNull(keys.COUNTER),
      files: parseContents(keys.CONTENTS ?? '').filter((e) => e.type === 'obj' || e.type === 'sym').map((e) => ({ path: e.path, size: null })),
    }))
    .sort((a, b) => a.cpv.localeCompare(b.cpv));
}

/** The shape a build stores in `record.extras.packages` (a capture taken before stripping). */
const recordedPackagesSchema = z.array(
  z.object({
    cpv: z.string(),
    size: z.number().nonnegative().nullable().optional(),
    use: z.array(z.string()).default([]),
    license: z.string().nullable().optional(),
    slot: z.string().nullable().optional(),
    repository: z.string().nullable().optional(),
    counter: z.number().nullable().optional(),
    files: z.array(z.object({ path: z.string(), size: z.number().nonnegative().nullable().optional() })).default([]),
  }),
);

export type RecordedPackages = z.input<typeof recordedPackagesSchema>;

export type RecordedDb = { ok: true; db: PackageDb } | { ok: false; problem: string | null };

/** The package database a build record carries in `extras.packages`; `problem: null` when it has none. */
export function packageDbFromRecord(record: unknown): RecordedDb {
  const extras = typeof record === 'object' && record !== null ? (record as { extras?: unknown }).extras : undefined;
  const raw = typeof extras === 'object' && extras !== null ? (extras as { packages?: unknown }).packages : undefined;
  if (raw === undefined) return { ok: false, problem: null };
  const parsed = recordedPackagesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `the build record's package capture is malformed at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown'}` };
  }
  return {
    ok: true,
    db: {
      source: 'build-record',
      packages: parsed.data.map((p) => ({
        cpv: p.cpv,
        slot: p.slot ?? null,
        repository: p.repository ?? null,
        use: p.use,
        license: p.license ?? null,
        recordedSize: p.size ?? null,
        counter: p.counter ?? null,
        files: p.files.map((f) => ({ path: f.path, size: f.size ?? null })),
      })).sort((a, b) => a.cpv.localeCompare(b.cpv)),
    },
  };
}

/** A package database as the record capture stores it (what a build writes to `extras.packages`). */
export function toRecordedPackages(packages: readonly InstalledPackage[]): RecordedPackages {
  return packages.map((p) => ({
    cpv: p.cpv, size: p.recordedSize, use: p.use, license: p.license, slot: p.slot, repository: p.repository, counter: p.counter,
    files: p.files.map((f) => ({ path: f.path, size: f.size })),
  }));
}
