import { describe, expect, it } from 'vitest';
import { recommendSizing, sizingFindings } from '../../../src/core/host/sizing.js';

const GIB = 1024 ** 3;

describe('sizing', () => {
  it.each([
    // cpus, memory GiB, budget, make jobs, emerge jobs
    [2, 24, 2, 2, 1],
    [16, 64, 16, 4, 4],
    [16, 8, 4, 2, 2],
    [32, 256, 32, 6, 5],
    [8, 1, 1, 1, 1],
  ])('%i CPUs, %i GiB → budget %i: -j%i, --jobs=%i', (cpus, mem, budget, make, emerge) => {
    const s = recommendSizing(cpus, mem * GIB);
    expect(s.budget).toBe(budget);
    expect(s.makeJobs).toBe(make);
    expect(s.emergeJobs).toBe(emerge);
    expect(s.makeJobs * s.emergeJobs).toBeLessThanOrEqual(s.budget);
    expect(s.makeopts).toBe(`-j${make} -l${cpus + 1}`);
    expect(s.emergeOpts).toBe(`--jobs=${emerge} --load-average=${cpus + 1}`);
  });

  it('uses CPUs alone when memory is unknown, and the findings carry copyable make.conf lines', () => {
    const s = recommendSizing(4, null);
    expect(s.budget).toBe(4);
    const f = sizingFindings(s);
    expect(f.map((x) => x.value)).toEqual(['-j2 -l5', 2]);
    expect(f[0]!.fix).toEqual(['MAKEOPTS="-j2 -l5"   # /etc/portage/make.conf in the build']);
  });
});
