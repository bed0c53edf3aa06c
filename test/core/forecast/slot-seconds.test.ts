// The slot-time model on a real build's record (the binhost bench's source build of dev-lang/php and
// app-misc/hello with --jobs 2, compile phases of 12 s, real Portage 3.0.82): oniguruma and hello end
// their builds at 15 s but wait in `merge wait` until 31 s, while expat and libxml2 build in their slots.
import { describe, expect, it } from 'vitest';
import { slotSeconds } from '../../../src/core/forecast/slot-seconds.js';
import { buildHistory, estimatePackageSeconds, scheduleDurations } from '../../../src/core/portage/eta/eta.js';
import { recordsAsMerges, type BuildRecord, type PackageTiming } from '../../../src/core/build/build-record.js';

// record.json of the first build (publisher) and, below, the actual total of the same packages built again.
const FIRST: PackageTiming[] = [
  { cpv: 'dev-libs/oniguruma-6.9.9', seconds: 32.069, binary: false, ok: true, startedAt: 1796644170410 },
  { cpv: 'app-misc/hello-2.12.1', seconds: 30.873, binary: false, ok: true, startedAt: 1796644170412 },
  { cpv: 'dev-libs/expat-2.6.4', seconds: 18.373, binary: false, ok: true, startedAt: 1796644185233 },
  { cpv: 'dev-libs/libxml2-2.13.5', seconds: 19.295, binary: false, ok: true, startedAt: 1796644185418 },
  { cpv: 'dev-lang/php-8.3.15', seconds: 15.913, binary: false, ok: true, startedAt: 1796644204715 },
];
const AGAIN_ACTUAL_SECONDS = 50.5;

function forecastTotal(packages: PackageTiming[], jobs: number): number {
  const record = { packages } as BuildRecord;
  const history = buildHistory(recordsAsMerges([record]));
  const seconds = FIRST.map((p) => estimatePackageSeconds(history, { cpv: p.cpv, kind: 'ebuild' }).seconds);
  return Math.max(...scheduleDurations(seconds, jobs).map((t) => t.end));
}

describe('slotSeconds', () => {
  it('frees the slots of the two packages in merge wait when the next two start', () => {
    expect(slotSeconds(FIRST, 2).map((t) => [t.cpv, t.seconds])).toEqual([
      ['dev-libs/oniguruma-6.9.9', 14.8],
      ['app-misc/hello-2.12.1', 15],
      ['dev-libs/expat-2.6.4', 18.4],
      ['dev-libs/libxml2-2.13.5', 19.3],
      ['dev-lang/php-8.3.15', 15.9],
    ]);
  });

  it('brings the forecast of the rebuild within 5 % of its actual total (start→completed times gave 29 % over)', () => {
    const raw = forecastTotal(FIRST, 2);
    const slot = forecastTotal(slotSeconds(FIRST, 2), 2);
    expect(Math.abs(raw - AGAIN_ACTUAL_SECONDS) / AGAIN_ACTUAL_SECONDS).toBeGreaterThan(0.25);
    expect(Math.abs(slot - AGAIN_ACTUAL_SECONDS) / AGAIN_ACTUAL_SECONDS).toBeLessThan(0.05);
  });

  it('leaves one slot, and runs that never fill the slots, as they were', () => {
    expect(slotSeconds(FIRST, 1)).toEqual(FIRST);
    expect(slotSeconds(FIRST, 5).map((t) => t.seconds)).toEqual([32.1, 30.9, 18.4, 19.3, 15.9]);
    expect(slotSeconds([], 2)).toEqual([]);
  });

  it('a package that completes frees its slot for one starting at the same moment', () => {
    const t0 = 1_000_000;
    const got = slotSeconds([
      { cpv: 'a/a-1', seconds: 10, startedAt: t0 },
      { cpv: 'b/b-1', seconds: 30, startedAt: t0 },
      { cpv: 'c/c-1', seconds: 5, startedAt: t0 + 10_000 },
    ], 2);
    expect(got.map((t) => t.seconds)).toEqual([10, 30, 5]);
  });
});
