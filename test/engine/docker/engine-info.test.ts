// Engine identity on both engines, and the pure version negotiation.
import { describe, expect, it } from 'vitest';
import { compareApiVersions, engineKindOf, negotiateApiVersion } from '../../../src/engine/docker/engine-info.js';
import { engineKindFor } from '../../../src/engine/docker/engine-kind.js';
import { dockerFor } from '../../../src/engine/docker/client.js';
import { describeEngines } from '../../helpers/podman.js';

describe('API version negotiation', () => {
  it('compares numerically and takes the lower', () => {
    expect(compareApiVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareApiVersions('v1.44', '1.44')).toBe(0);
    expect(negotiateApiVersion('1.41', '1.47')).toEqual({ ok: true, version: '1.41' });
    expect(negotiateApiVersion('1.51', '1.47')).toEqual({ ok: true, version: '1.47' });
    expect(negotiateApiVersion(null, '1.47')).toEqual({ ok: true, version: '1.47' });
    const old = negotiateApiVersion('1.25', '1.47');
    expect(old.ok).toBe(false);
    if (!old.ok) expect(old.message).toMatch(/older than the 1.40/);
  });

  it('tells Podman from Docker by headers or components', () => {
    expect(engineKindOf({ apiVersion: '1.41', server: 'Docker/20.10.24 (linux)', libpodApiVersion: null }, {})).toBe('docker');
    expect(engineKindOf({ apiVersion: '1.41', server: 'Libpod/4.3.1 (linux)', libpodApiVersion: null }, {})).toBe('podman');
    expect(engineKindOf({ apiVersion: '1.41', server: null, libpodApiVersion: null }, { Components: [{ Name: 'Podman Engine' }] })).toBe('podman');
  });
});

describeEngines('engine identity', (engine) => {
  it('identifies the engine, its API version, storage and rootless mode', async () => {
    const { info, kind, endpoint } = engine();
    expect(info.kind).toBe(kind);
    expect(info.daemonApiVersion).toMatch(/^1\.\d+$/);
    expect(compareApiVersions(info.apiVersion, info.daemonApiVersion)).toBeLessThanOrEqual(0);
    expect(info.serverHeader).toMatch(kind === 'docker' ? /^Docker\// : /^Libpod\//);
    expect(info.storageDriver).toMatch(kind === 'docker' ? /^(overlay2|btrfs|zfs|vfs|overlayfs)$/ : /^(overlay|vfs|btrfs)$/);
    expect(info.rootless).toBe(process.getuid?.() !== 0);
    expect(info.os).toBe('linux');
    expect(info.components.length).toBeGreaterThan(0);
    if (kind === 'podman') expect(info.components.map((c) => c.name)).toContain('Podman Engine');
    // A fresh client (nothing remembered) finds the same kind from the ping headers.
    expect(await engineKindFor(dockerFor(endpoint))).toBe(kind);
  });
});
