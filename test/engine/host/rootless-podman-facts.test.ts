import { afterEach, describe, expect, it } from 'vitest';
import { evaluateHost } from '../../../src/core/host/evaluate.js';
import { gatherHostFacts } from '../../../src/engine/host/gather.js';
import { fixedEngine, fixture, identity, makeTree, NO_ENGINE, type Tree, type TreeEntry } from './fixture-tree.js';

let tree: Tree | undefined;
afterEach(async () => {
  await tree?.cleanup();
  tree = undefined;
});

async function makeBase(extra: Record<string, TreeEntry> = {}) {
  tree = await makeTree({
    'etc/passwd': await fixture('etc/passwd'),
    'etc/group': await fixture('etc/group'),
    'proc/mounts': await fixture('mounts/systemd-v2.txt'),
    'proc/sys/user/max_user_namespaces': '63000\n',
    'dev/net/tun': '',
    'usr/bin/slirp4netns': { program: true },
    'usr/bin/rootlesskit': { program: true },
    'usr/bin/dockerd-rootless.sh': { program: true },
    ...extra,
  });
  return tree;
}

const get = (r: ReturnType<typeof evaluateHost>, id: string) => r.findings.find((f) => f.id === id);

describe('rootless prerequisites under --root', () => {
  it('missing subuid and subgid entries and newuidmap fail, each with its fix', async () => {
    const t = await makeBase({
      'etc/subuid': 'alice:100000:65536\n',
      'usr/bin/newgidmap': { program: true },
      // not executable: must not count as installed
      'usr/bin/newuidmap': '#!/bin/sh\n',
    });
    const facts = await gatherHostFacts({ root: t.root, identity: identity({ env: { USER: 'larry', XDG_RUNTIME_DIR: '/run/user/1000' } }), engine: fixedEngine(NO_ENGINE, null), probe: false, rootless: true });
    expect(facts.user).toMatchObject({ subuid: [], subgid: null });
    expect(facts.user.programs).toMatchObject({ newuidmap: null, newgidmap: '/usr/bin/newgidmap', slirp4netns: '/usr/bin/slirp4netns' });
    const r = evaluateHost(facts, ['rootless']);
    expect(get(r, 'rl.subuid')).toMatchObject({ status: 'fail', title: 'No /etc/subuid entry for larry' });
    expect(get(r, 'rl.subgid')!.status).toBe('fail');
    expect(get(r, 'rl.uidmap')!.status).toBe('fail');
    expect(get(r, 'rl.tun')!.status).toBe('pass');
    expect(get(r, 'rl.netdrv')).toMatchObject({ status: 'pass', value: 'slirp4netns' });
    expect(get(r, 'rl.userns')).toMatchObject({ status: 'pass', value: 63000 });
  });

  it('a prepared user passes the sub-id and uidmap checks', async () => {
    const t = await makeBase({
      'etc/subuid': 'larry:100000:65536\n',
      'etc/subgid': 'larry:100000:65536\n',
      'usr/bin/newuidmap': { program: true },
      'usr/bin/newgidmap': { program: true },
      'var/lib/systemd/linger/larry': '',
      'run/systemd/system': { dir: true },
    });
    const facts = await gatherHostFacts({ root: t.root, identity: identity(), engine: fixedEngine(NO_ENGINE, null), probe: false, rootless: true });
    const r = evaluateHost(facts, ['rootless']);
    for (const id of ['rl.subuid', 'rl.subgid', 'rl.uidmap', 'rl.bins', 'rl.linger']) expect(get(r, id)!.status, id).toBe('pass');
  });
});

describe('Podman sockets under --root', () => {
  it('finds a rootful Podman socket and reads its Libpod API version from /_ping', async () => {
    const t = await makeBase();
    await t.serve('run/podman/podman.sock', { 'Libpod-Api-Version': '4.3.1', Server: 'Libpod/4.3.1 (linux)', 'Api-Version': '1.41' });
    const facts = await gatherHostFacts({ root: t.root, identity: identity(), engine: fixedEngine(NO_ENGINE, null), probe: false });
    expect(facts.podman.sockets).toEqual([{ path: '/run/podman/podman.sock', scope: 'rootful', access: 'ok', apiVersion: '4.3.1', error: null }]);
    const r = evaluateHost(facts, ['podman']);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ id: 'pod.socket', status: 'pass', value: '4.3.1' });
  });

  it('a socket at Podman\'s rootless place that is not Podman is a warning', async () => {
    const t = await makeBase();
    await t.serve('run/user/1000/podman/podman.sock', { Server: 'Docker/27.3.1 (linux)' });
    const facts = await gatherHostFacts({ root: t.root, identity: identity({ env: { XDG_RUNTIME_DIR: '/run/user/1000' } }), engine: fixedEngine(NO_ENGINE, null), probe: false });
    expect(facts.podman.sockets[0]).toMatchObject({ scope: 'rootless', apiVersion: null, error: 'answers, but as Docker/27.3.1 (linux), not Podman' });
    expect(evaluateHost(facts, ['podman']).findings[0]!.status).toBe('warn');
  });

  it('no socket: one info finding naming the places looked at', async () => {
    const t = await makeBase();
    const facts = await gatherHostFacts({ root: t.root, identity: identity(), engine: fixedEngine(NO_ENGINE, null), probe: false });
    const f = evaluateHost(facts, ['podman']).findings;
    expect(f.map((x) => [x.id, x.status])).toEqual([['pod.socket', 'info']]);
    expect(f[0]!.detail).toContain('/run/podman/podman.sock, /run/user/1000/podman/podman.sock');
  });
});
