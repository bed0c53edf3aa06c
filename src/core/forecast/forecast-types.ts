// What a forecast says about a merge list: per package where it comes from, why a binary was not
// taken, and how long it should take; and the whole run with --jobs.
import type { EstimateSource } from '../portage/eta/eta.js';

/** Where a package comes from: a binary fetched from a binhost, one from the local cache, or a compile. */
export type ForecastFrom = 'binhost' | 'local' | 'source';

/** Why a package compiles although binaries are in use (or one exists). */
export type SourceReasonKind = 'use' | 'changed-deps' | 'chost' | 'missing' | 'not-used' | 'not-accepted';

export interface SourceReason {
  kind: SourceReasonKind;
  /** Short, for a column or `source (USE differs)`. */
  label: string;
  /** One sentence for the detail view. */
  detail: string;
}

export interface PackageForecast {
  /** Index into the pretend result's `packages`. */
  index: number;
  cpv: string;
  from: ForecastFrom;
  reason: SourceReason | null;
  /** Estimated seconds: build or binary merge, plus the download of a binhost's package. */
  seconds: number;
  /** What the estimate rests on (emerge.log and build records, a category, the size, a default). */
  basis: EstimateSource;
  samples: number;
  /** Of `seconds`, the binhost download. */
  downloadSeconds: number;
}

export interface ForecastTotals {
  /** Wall-clock seconds with the run's --jobs (list scheduling; see eta.ts). */
  totalSeconds: number;
  /** Sum of the package estimates (the run with --jobs=1). */
  serialSeconds: number;
  binaries: number;
  compiles: number;
  /** Of the binaries, those fetched from a binhost. */
  fromBinhost: number;
  jobs: number;
}

export interface Forecast {
  packages: PackageForecast[];
  totals: ForecastTotals;
}
