// The Host screen says sizes the way the Result screen and `gentoo-wb images` do (core/format/size.ts,
// decimal units as docker prints them), not in GiB of its own.
import { describe, expect, it } from 'vitest';
import { engineFindings } from '../../../src/core/host/engine-rules.js';
import { recommendSizing, sizingFindings } from '../../../src/core/host/sizing.js';
import { humanSize } from '../../../src/core/format/size.js';
import { dockerEngine } from './facts-builder.js';

describe('host sizes in the shared convention', () => {
  it('free disk space and the thresholds', () => {
    const f = engineFindings(dockerEngine({ disk: { path: '/var/lib/docker', freeBytes: 20e9, totalBytes: 500e9 } }), null).find((x) => x.id === 'eng.disk')!;
    expect(f.title).toBe(`${humanSize(20e9)} free of ${humanSize(500e9)} at /var/lib/docker`);
    expect(f.title).toBe('20.0 GB free of 500 GB at /var/lib/docker');
    expect(f.detail).toContain('plan for 10.0 GB at least, 30.0 GB to be comfortable');
    expect(`${f.title} ${f.detail}`).not.toMatch(/GiB/);
  });

  it('memory in the sizing finding', () => {
    const detail = sizingFindings(recommendSizing(8, 32 * 1024 ** 3))[0]!.detail;
    expect(detail).toContain(`8 CPUs and ${humanSize(32 * 1024 ** 3)} on this machine`);
    expect(detail).not.toMatch(/GiB/);
  });
});
