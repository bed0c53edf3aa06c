// The binhost's names and ports, and the cache volume of a key. (The probe's answers: probe-binhost.test.ts.)
import { describe, expect, it } from 'vitest';
import { binpkgCacheKey, binpkgVolume } from '../../../src/core/plan/shared-pieces.js';
import { binhostContainerName, binhostNameProblem, binpkgVolumeOfKey, cacheKeyProblem, insidePortFor, parsePort } from '../../../src/engine/binhost/binhost-names.js';

describe('binhost names', () => {
  it('takes short lowercase host-name-like names and refuses the rest, and gentoo (the official binhost in a recipe)', () => {
    for (const ok of ['default', 'a', 'team-x86', '0', 'a'.repeat(32)]) expect(binhostNameProblem(ok), ok).toBeNull();
    for (const word of ['gentoo', 'gentoo-v3', 'gentoo-x86-64', 'gentoo-x86-64-v3']) expect(binhostNameProblem(word)).toBe(`"${word}" is reserved: in a recipe, --binhost ${word} means Gentoo's official binhost`);
    expect(binhostNameProblem('')).toMatch(/1 to 32 characters/);
    expect(binhostNameProblem('a'.repeat(33))).toMatch(/1 to 32 characters \("a+" has 33\)/);
    for (const bad of ['Team', '-x', 'x-', 'a_b', 'a.b', 'a b', 'http://x']) expect(binhostNameProblem(bad), bad).toMatch(/is not a binhost name/);
  });

  it('names the container and the volume of a key as binpkgVolume names the build\'s', () => {
    const key = binpkgCacheKey('x86_64-pc-linux-gnu', '-O2 -pipe');
    expect(cacheKeyProblem(key)).toBeNull();
    expect(binpkgVolumeOfKey(key, null)).toBe(binpkgVolume('x86_64-pc-linux-gnu', '-O2 -pipe'));
    expect(binpkgVolumeOfKey(key, 'test-1a2b3c')).toBe(binpkgVolume('x86_64-pc-linux-gnu', '-O2 -pipe', 'test-1a2b3c'));
    expect(binhostContainerName('default', null)).toBe('gentoo-wb-binhost-default');
    expect(binhostContainerName('default', 'test-1a2b3c')).toBe('gentoo-wb-test-1a2b3c-binhost-default');
    expect(cacheKeyProblem('3F2A9C1B7D4E')).toMatch(/not a binary package cache key/);
    expect(cacheKeyProblem('gentoo-wb-binpkgs-3f2a9c1b7d4e')).toMatch(/not a binary package cache key/);
  });

  it('reads ports 0..65535; the server listens on the host port itself, or 8000 when the engine picks', () => {
    expect(parsePort('0')).toEqual({ ok: true, port: 0 });
    expect(parsePort('8080')).toEqual({ ok: true, port: 8080 });
    expect(parsePort('65536')).toEqual({ ok: false, problem: '--port 65536: ports go up to 65535' });
    for (const bad of ['-1', 'http', '80.5', '', '123456']) expect(parsePort(bad).ok, bad).toBe(false);
    expect(insidePortFor(0)).toBe(8000);
    expect(insidePortFor(8080)).toBe(8080);
  });
});
