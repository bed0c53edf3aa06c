// Engine identity on both engines, and the version negotiation against what an engine says.
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { engineKindOf, identifyEngine } from '../../../src/engine/docker/engine-info.js';
import { engineKindFor } from '../../../src/engine/docker/engine-kind.js';
import { dockerFor } from '../../../src/engine/docker/client.js';
import { describeEngines } from '../../helpers/podman.js';

describe('API version negotiation', () => {
  /** The API version identifyEngine settles on with an engine whose /version says `daemon` (gentoo-wb speaks up to 1.47). */
  const negotiated = async (daemon: string | undefined, pingApi: string | null = null) => {
    const modem = {
      dial: (o: { path: string }, cb: (err: Error | null, data: unknown) => void) => {
        if (o.path.startsWith('/_ping')) cb(null, Object.assign(Readable.from(['OK']), { headers: pingApi === null ? {} : { 'api-version': pingApi } }));
        else if (o.path.startsWith('/version')) cb(null, daemon === undefined ? {} : { ApiVersion: daemon });
        else cb(null, {});
      },
    };
    return (await identifyEngine({ modem } as unknown as Dockerode)).apiVersion;
  };

  it('compares numerically and takes the lower', async () => {
    // 1.9 is older than 1.41 (numbers, not text): refused as older than 1.40.
    await expect(negotiated('1.9')).rejects.toThrow(/speaks API 1\.9, older than the 1\.40/);
    expect(await negotiated('v1.44')).toBe('v1.44');
    expect(await negotiated('1.41')).toBe('1.41');
    expect(await negotiated('1.51')).toBe('1.47');
    // No version anywhere: ours.
    expect(await negotiated(undefined)).toBe('1.47');
    expect(await negotiated(undefined, '1.43')).toBe('1.43');
    await expect(negotiated('1.25')).rejects.toThrow(/older than the 1\.40/);
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
    // The lower of ours (1.47) and the daemon's.
    expect(info.apiVersion).toBe(Number(info.daemonApiVersion.split('.')[1]) < 47 ? info.daemonApiVersion : '1.47');
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
