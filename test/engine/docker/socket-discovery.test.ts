// Socket discovery: the candidate places, and what a real socket, a symlink and a missing path look like.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverSockets } from '../../../src/engine/docker/socket-discovery.js';

/** The places discovery looks at, without touching the file system. */
const socketCandidates = (env: Record<string, string>, uid: number, homeDir: string) =>
  discoverSockets({ env, uid, homeDir, probe: () => ({ exists: false, isSocket: false, symlinkTarget: null, access: 'ENOENT' }) });

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-sockets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('socket discovery', () => {
  it('lists rootful, rootless and Desktop Docker and both Podmans, without duplicates', () => {
    const list = socketCandidates({ XDG_RUNTIME_DIR: '/run/user/1000' }, 1000, '/home/larry');
    expect(list.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'docker-rootful /var/run/docker.sock',
      'docker-rootless /run/user/1000/docker.sock',
      'docker-desktop /home/larry/.docker/run/docker.sock',
      'docker-desktop /home/larry/.docker/desktop/docker.sock',
      'podman-rootless /run/user/1000/podman/podman.sock',
      'podman-rootful /run/podman/podman.sock',
    ]);
    expect(socketCandidates({}, 1000, '/home/larry').map((c) => c.path)).toContain('/run/user/1000/podman/podman.sock');
  });

  it('probes real sockets and symlinks in $XDG_RUNTIME_DIR', async () => {
    const runtime = path.join(dir, 'run');
    mkdirSync(path.join(runtime, 'podman'), { recursive: true });
    const podmanSock = path.join(runtime, 'podman', 'podman.sock');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(podmanSock, r));
    symlinkSync(podmanSock, path.join(runtime, 'docker.sock'));
    try {
      const found = discoverSockets({ env: { XDG_RUNTIME_DIR: runtime }, uid: 4242, homeDir: path.join(dir, 'home') });
      const byPath = new Map(found.map((s) => [s.path, s]));
      expect(byPath.get(podmanSock)).toMatchObject({ kind: 'podman-rootless', exists: true, isSocket: true, symlinkTarget: null, access: 'ok', host: `unix://${podmanSock}` });
      expect(byPath.get(path.join(runtime, 'docker.sock'))).toMatchObject({ kind: 'docker-rootless', exists: true, isSocket: true, symlinkTarget: podmanSock });
      expect(byPath.get(path.join(dir, 'home', '.docker', 'run', 'docker.sock'))).toMatchObject({ exists: false, isSocket: false, access: 'ENOENT' });
    } finally {
      server.close();
    }
  });
});
