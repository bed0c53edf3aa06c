// Image reference parsing and the Docker/Podman name comparison.
import { describe, expect, it } from 'vitest';
import { invalidTagReason, parseImageRef, withDefaultTag } from '../../../src/engine/docker/image-ref.js';
import { familiarName, sameImageName } from '../../helpers/image-names.js';

describe('image references', () => {
  it.each([
    ['gentoo/stage3:amd64-openrc', { repo: 'gentoo/stage3', tag: 'amd64-openrc', digest: null }],
    ['localhost:5000/gentoo/stage3', { repo: 'localhost:5000/gentoo/stage3', tag: null, digest: null }],
    ['localhost:5000/x:1@sha256:abc', { repo: 'localhost:5000/x', tag: '1', digest: 'sha256:abc' }],
    ['busybox', { repo: 'busybox', tag: null, digest: null }],
  ])('parses %s', (ref, want) => expect(parseImageRef(ref)).toEqual(want));

  it('fills in latest and compares across engines', () => {
    expect(withDefaultTag('gentoo/portage')).toBe('gentoo/portage:latest');
    expect(familiarName('docker.io/library/busybox:1')).toBe('busybox:1');
    expect(sameImageName('docker.io/gentoo/stage3:latest', 'gentoo/stage3')).toBe(true);
    expect(sameImageName('localhost/mine:1', 'mine:1')).toBe(true);
    expect(sameImageName('mine:1', 'mine:2')).toBe(false);
  });

  it.each([
    ['gentoo-transmission:4.0', null],
    ['registry.example:5000/team/app:v1.2', null],
    ['Bad/Name', /not a valid image name/],
    ['app:-bad', /not a valid tag/],
    ['app@sha256:00', /has a digest/],
  ])('checks tag target %s', (ref, want) => {
    const reason = invalidTagReason(ref);
    if (want === null) expect(reason).toBeNull();
    else expect(reason).toMatch(want);
  });
});
