// The forecast of a pretend merge list. Where each package comes from is Portage's own answer: the
// merge line's `[binary` vs `[ebuild`, and `g` in the fetch column for a binary Portage will download
// from a binhost (resolver/output.py: remote_binary). Why a package compiles although binaries are in
// use: Portage's "ignored due to non matching USE / changed dependencies" notes first, then the
// binary package indexes (local $PKGDIR/Packages and the binhosts' cached ones) for CHOST and for a
// binary of that version at all. Durations: the estimator of eta.ts on emerge.log history and
// gentoo-wb's build records, plus a binhost package's download at an assumed rate.
import { sanitizeText } from '../format/sanitize.js';
import type { PretendPackage, PretendResult } from '../portage/pretend/pretend-types.js';
import { estimatePackageSeconds, scheduleDurations, takesTime, type BuildHistory } from '../portage/eta/eta.js';
import type { Forecast, PackageForecast, SourceReason } from './forecast-types.js';
import { ignoredBinaries, type IgnoredBinary } from './ignored-binaries.js';
import type { IndexedBinary, PackagesIndex } from './packages-index.js';

/** Assumed binhost download rate (KiB/s): a LAN or a good line; the figure is a guess, said as such. */
const DOWNLOAD_KIB_PER_SECOND = 10 * 1024;

export interface ForecastInput {
  result: PretendResult;
  /** Everything emerge printed (for Portage's ignored-binaries notes). */
  text: string;
  /** The emerge argv pretend ran (for --jobs, --usepkg, --getbinpkg). */
  argv: readonly string[];
  history: BuildHistory;
  /** The local binary package cache's index, null when there is none. */
  localIndex: PackagesIndex | null;
  /** Binhost indexes Portage fetched while resolving. */
  remoteIndexes: readonly PackagesIndex[];
  /** The base's CHOST when known. */
  chost?: string | null;
}

/** `--jobs` of an emerge argv: a number, the merge list's size for a bare `--jobs` (no limit), else 1. */
function jobsOf(argv: readonly string[], unlimited: number): number {
  let jobs = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const m = /^(?:--jobs=|-j)(\d+)$/.exec(a);
    if (m) jobs = Number(m[1]);
    else if (a === '--jobs' || a === '-j') {
      const next = argv[i + 1];
      if (next !== undefined && /^\d+$/.test(next)) {
        jobs = Number(next);
        i++;
      } else jobs = Math.max(1, unlimited);
    }
  }
  return Math.max(1, jobs);
}

/** True when emerge was asked to use binary packages at all (local cache or binhost). */
function usesBinaries(argv: readonly string[]): boolean {
  return argv.some((a) => /^--(?:usepkg|usepkgonly|getbinpkg|getbinpkgonly)(?:=y)?$/.test(a) || /^-[A-Za-z]*[kKgG]/.test(a));
}

function reason(kind: SourceReason['kind'], detail: string): SourceReason {
  const label: Record<SourceReason['kind'], string> = {
    use: 'USE differs',
    'changed-deps': 'dependencies changed',
    chost: 'CHOST differs',
    missing: 'no binary',
    'not-used': 'binaries not used',
    'not-accepted': 'binary not accepted',
  };
  // The detail quotes a binhost's index and Portage's output: outside text, made safe to print.
  return { kind, label: label[kind], detail: sanitizeText(detail) };
}

function wantedFlags(pkg: PretendPackage): string {
  return pkg.use.map((u) => `${u.enabled ? '' : '-'}${u.flag}`).join(' ');
}

function whySource(pkg: PretendPackage, ignored: readonly IgnoredBinary[], binaries: readonly IndexedBinary[], input: ForecastInput): SourceReason | null {
  const using = usesBinaries(input.argv);
  const note = ignored.find((i) => i.cpv === pkg.cpv && i.root === pkg.root);
  if (note?.reason === 'use') {
    // Portage lists the flags that differ, as the binary has them: the build wants each the other way.
    const wanted = note.flags.map((f) => (f.startsWith('-') ? f.slice(1) : `-${f}`));
    return reason('use', `a binary of ${pkg.cpv} exists, built with USE="${note.flags.join(' ')}"; this build wants USE="${wanted.join(' ')}"`);
  }
  if (note?.reason === 'changed-deps') return reason('changed-deps', `a binary of ${pkg.cpv} exists, but its dependencies differ from the ebuild's now`);
  const same = binaries.filter((b) => b.cpv === pkg.cpv);
  if (same.length === 0) {
    return using ? reason('missing', `no binary package of ${pkg.cpv} in the local cache${input.remoteIndexes.length > 0 ? ' or on the binhosts' : ''} (the cache is kept per CHOST and CFLAGS)`) : null;
  }
  if (!using) return reason('not-used', `a binary of ${pkg.cpv} exists, but this build does not use binary packages`);
  const chost = input.chost ?? null;
  if (chost && same.every((b) => b.chost !== null && b.chost !== chost)) {
    return reason('chost', `the binary of ${pkg.cpv} was built for ${same[0]?.chost}; this base is ${chost}`);
  }
  // The flags compared as Portage compares them: the enabled flags in IUSE.
  const wanted = new Set(pkg.use.filter((u) => u.enabled).map((u) => u.flag));
  const differs = same.every((b) => {
    const iuse = new Set(b.iuse);
    const built = new Set(b.use.filter((f) => iuse.has(f)));
    return [...iuse].some((f) => built.has(f) !== wanted.has(f));
  });
  if (differs && pkg.use.length > 0) {
    const b = same[0] as IndexedBinary;
    const iuse = new Set(b.iuse);
    return reason('use', `a binary of ${pkg.cpv} exists, built with USE="${b.use.filter((f) => iuse.has(f)).join(' ')}"; this build wants ${wantedFlags(pkg) || 'no flags'}`);
  }
  return reason('not-accepted', `a binary of ${pkg.cpv} exists, but Portage did not take it (keywords, a mask, or a rebuild that was asked for)`);
}

/** The forecast for a pretend's merge list. */
export function forecastPretend(input: ForecastInput): Forecast {
  const { result, history } = input;
  const ignored = ignoredBinaries(input.text);
  const binaries = [...(input.localIndex?.packages ?? []), ...input.remoteIndexes.flatMap((i) => i.packages)];
  const packages: PackageForecast[] = [];
  result.packages.forEach((pkg, index) => {
    if (!takesTime(pkg)) return;
    const binary = pkg.kind === 'binary';
    const from = binary ? (pkg.fetch === 'g' ? 'binhost' : 'local') : 'source';
    const estimate = estimatePackageSeconds(history, { cpv: pkg.cpv, kind: pkg.kind, downloadKiB: pkg.downloadKiB });
    let downloadKiB = 0;
    if (from === 'binhost') {
      const size = binaries.find((b) => b.cpv === pkg.cpv && (pkg.buildId === null || b.buildId === pkg.buildId))?.size ?? null;
      downloadKiB = pkg.downloadKiB ?? (size !== null ? size / 1024 : 0);
    }
    const downloadSeconds = Math.round((downloadKiB / DOWNLOAD_KIB_PER_SECOND) * 10) / 10;
    packages.push({
      index,
      cpv: pkg.cpv,
      from,
      reason: from === 'source' ? whySource(pkg, ignored, binaries, input) : null,
      seconds: Math.round((estimate.seconds + downloadSeconds) * 10) / 10,
      basis: estimate.source,
      samples: estimate.samples,
      downloadSeconds,
    });
  });
  const jobs = jobsOf(input.argv.slice(1), packages.length);
  const times = scheduleDurations(packages.map((p) => p.seconds), jobs);
  const binaryCount = packages.filter((p) => p.from !== 'source').length;
  return {
    packages,
    totals: {
      totalSeconds: Math.round(times.reduce((m, t) => Math.max(m, t.end), 0)),
      serialSeconds: Math.round(packages.reduce((s, p) => s + p.seconds, 0)),
      binaries: binaryCount,
      compiles: packages.length - binaryCount,
      fromBinhost: packages.filter((p) => p.from === 'binhost').length,
      jobs,
    },
  };
}
