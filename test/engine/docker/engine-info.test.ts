// Engine identity on both engines, and the version negotiation against what an engine says.
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { engineKindOf, identifyEngine, identifyEngineBasics } from '../../../src/engine/docker/engine-info.js';
import { connectToEndpointBasics } from '../../../src/engine/docker/connect.js';
import { engineKindFor } from '../../../src/engine/docker/engine-kind.js';
import { dockerFor } from '../../../src/engine/docker/client.js';
import { describeEngines } from '../../helpers/podman.js';

describe('API version negotiation', () => {
  /** The API version identifyEngine settles on with an engine whose /version says `daemon` (gentoo-wb speaks up to 1.47). */
  const fakeEngine = (daemon: string | undefined, pingApi: string | null, asked: string[] = []) => {
    const modem = {
      dial: (o: { path: string }, cb: (err: Error | null, data: unknown) => void) => {
        asked.push(o.path.split('?')[0] ?? '');
        if (o.path.startsWith('/_ping')) cb(null, Object.assign(Readable.from(['OK']), { headers: pingApi === null ? {} : { 'api-version': pingApi } }));
        else if (o.path.startsWith('/version')) cb(null, daemon === undefined ? {} : { ApiVersion: daemon });
        else cb(null, {});
      },
    };
    return { modem } as unknown as Dockerode;
  };
  const negotiated = async (daemon: string | undefined, pingApi: string | null = null) => (await identifyEngine(fakeEngine(daemon, pingApi))).apiVersion;
  /** The same from /_ping alone, where the engine states its version in the `Api-Version` header. */
  const negotiatedBasics = async (pingApi: string) => (await identifyEngineBasics(fakeEngine(undefined, pingApi))).apiVersion;

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

  it('negotiates the same from /_ping alone, and asks /version only when the ping has no Api-Version', async () => {
    await expect(negotiatedBasics('1.9')).rejects.toThrow(/speaks API 1\.9, older than the 1\.40/);
    await expect(negotiatedBasics('1.39')).rejects.toThrow(/older than the 1\.40/);
    expect(await negotiatedBasics('1.41')).toBe('1.41');
    expect(await negotiatedBasics('1.51')).toBe('1.47');
    const asked: string[] = [];
    const basics = await identifyEngineBasics(fakeEngine('1.43', null, asked));
    expect(asked).toEqual(['/_ping', '/version']);
    expect(basics).toEqual({ kind: 'docker', apiVersion: '1.43', daemonApiVersion: '1.43', serverHeader: null });
    await expect(identifyEngineBasics(fakeEngine('1.30', null))).rejects.toThrow(/older than the 1\.40/);
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

  it('from /_ping alone: the same kind, API versions and server as the full identity, asking nothing else', async () => {
    const { info, endpoint } = engine();
    const probe = dockerFor(endpoint);
    const asked: string[] = [];
    const dial = probe.modem.dial.bind(probe.modem);
    probe.modem.dial = ((o: { path: string }, cb: never) => {
      asked.push(o.path.split('?')[0] ?? '');
      return dial(o as never, cb);
    }) as typeof probe.modem.dial;
    const basics = await identifyEngineBasics(probe);
    expect(asked).toEqual(['/_ping']);
    expect(basics).toEqual({ kind: info.kind, apiVersion: info.apiVersion, daemonApiVersion: info.daemonApiVersion, serverHeader: info.serverHeader });
  });

  it('connects from /_ping alone: a client pinned to the negotiated version that knows the engine kind', async () => {
    const { info, endpoint } = engine();
    const conn = await connectToEndpointBasics(endpoint);
    expect(conn.endpoint).toBe(endpoint);
    expect(conn.basics.apiVersion).toBe(info.apiVersion);
    // docker-modem keeps the version with a `v` in front (it becomes the path prefix /v1.41/…).
    expect((conn.docker.modem as { version?: string }).version).toBe(`v${info.apiVersion.replace(/^v/, '')}`);
    expect(await engineKindFor(conn.docker)).toBe(info.kind);
    // The pinned client works: the engine answers in that version.
    expect((await conn.docker.version()).ApiVersion).toBe(info.daemonApiVersion);
  });
});
