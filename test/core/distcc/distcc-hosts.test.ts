import { describe, expect, it } from 'vitest';
import { distccHostSpec, distccSettings, jobsPerHelper, type DistccHelper } from '../../../src/core/distcc/distcc-hosts.js';

const helper = (address: string, jobs: number, port = 3632): DistccHelper => ({ engine: 'second', address, port, jobs });

describe('DISTCC_HOSTS and MAKEOPTS from the helpers', () => {
  it('one helper with 2 CPUs, a 2-CPU build host: HOST:PORT/2, -j9 -l2 (twice all CPUs plus one, the local CPUs as load)', () => {
    expect(distccSettings([helper('10.213.0.2', 2, 49153)], 2, 0)).toEqual({ hosts: '10.213.0.2:49153/2', makeopts: '-j9 -l2', remoteJobs: 2 });
  });

  it('several helpers in order, localhost last when the recipe keeps jobs local', () => {
    const s = distccSettings([helper('172.17.0.5', 4), helper('build-b.lan', 8, 40000)], 4, 2);
    expect(s.hosts).toBe('172.17.0.5:3632/4 build-b.lan:40000/8 localhost/2');
    expect(s.makeopts).toBe('-j33 -l4');
    expect(s.remoteJobs).toBe(12);
  });

  it('an IPv6 address goes in brackets; a limit is never below one', () => {
    expect(distccHostSpec(helper('fd00::2', 0))).toBe('[fd00::2]:3632/1');
    expect(distccSettings([], 0, 0)).toEqual({ hosts: '', makeopts: '-j3 -l1', remoteJobs: 0 });
  });

  it('helpers on one engine share its CPUs, at least one job each', () => {
    expect(jobsPerHelper(8, 1)).toBe(8);
    expect(jobsPerHelper(8, 3)).toBe(2);
    expect(jobsPerHelper(2, 4)).toBe(1);
    expect(jobsPerHelper(0, 1)).toBe(1);
  });
});
