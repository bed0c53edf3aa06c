import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateHost } from '../../../src/core/host/evaluate.js';
import type { EngineFacts } from '../../../src/core/host/facts.js';
import { gatherHostFacts } from '../../../src/engine/host/gather.js';
import { realSocketAccess, type SocketAccess } from '../../../src/engine/host/socket-facts.js';
import { dockerEngine } from '../../core/host/facts-builder.js';
import { ensureBuilt, repoRoot } from '../../helpers/cli.js';
import { fixedEngine, fixture, identity, makeTree, type Tree } from './fixture-tree.js';

let tree: Tree | undefined;
afterEach(async () => {
  await tree?.cleanup();
  tree = undefined;
});

const run = promisify(execFile);

// A uid no test machine's own user has, so the test socket (owned by whoever runs the tests) is never "yours".
const LARRY = 4242;

async function setup(groupFile: string) {
  tree = await makeTree({ 'etc/passwd': (await fixture('etc/passwd')).replace(/:1000:1000:/, `:${LARRY}:1000:`), 'etc/group': groupFile });
  const socketPath = await tree.serve('var/run/docker.sock', { Server: 'Docker/27.3.1 (linux)', 'Api-Version': '1.47' });
  // The engine's socket is root:docker 0660; Node's listen leaves the umask's mode (0755, no group write).
  await chmod(socketPath, 0o660);
  return socketPath;
}

async function check(socketPath: string, groups: number[], engine: EngineFacts, socketAccess?: SocketAccess) {
  const facts = await gatherHostFacts({
    root: tree!.root,
    identity: identity({ uid: LARRY, groups }),
    engine: fixedEngine(engine, socketPath),
    probe: false,
    ...(socketAccess ? { socketAccess } : {}),
  });
  return { facts, result: evaluateHost(facts, ['permissions', 'engine']) };
}

const get = (r: ReturnType<typeof evaluateHost>, id: string) => r.findings.find((f) => f.id === id);

describe('socket and docker group', () => {
  it('listed in /etc/group but not active in this session', async () => {
    const socketPath = await setup(await fixture('etc/group'));
    const { facts, result } = await check(socketPath, [1000, 10], dockerEngine());
    expect(facts.user).toMatchObject({ name: 'larry', dockerGroup: { gid: 998, members: ['larry'] } });
    expect(facts.socket).toMatchObject({ exists: true, isSocket: true, access: 'ok' });
    expect(get(result, 'grp.member')).toMatchObject({ status: 'warn', value: 'listed' });
  });

  it('active when the session carries the group', async () => {
    const socketPath = await setup(await fixture('etc/group'));
    const { result } = await check(socketPath, [1000, 10, 998], dockerEngine());
    expect(get(result, 'grp.member')).toMatchObject({ status: 'pass', value: 'active' });
  });

  it('absent from the group: fail with usermod', async () => {
    const socketPath = await setup((await fixture('etc/group')).replace('docker:x:998:larry', 'docker:x:998:alice'));
    const { result } = await check(socketPath, [1000, 10], dockerEngine());
    const m = get(result, 'grp.member')!;
    expect(m).toMatchObject({ status: 'fail', value: 'absent' });
    expect(m.fix[0]).toBe('usermod -aG docker larry   # as root');
  });

  it('EACCES (simulated through the socket-access seam, as root passes any mode) fails sock.access and the ping', async () => {
    const socketPath = await setup(await fixture('etc/group'));
    const denied: SocketAccess = async () => 'EACCES';
    const engine: EngineFacts = { reachable: false, endpoint: { host: `unix://${socketPath}`, source: 'flag', context: null, warnings: [] }, code: 'EACCES', message: `connect EACCES ${socketPath}` };
    const { result } = await check(socketPath, [1000], engine, denied);
    expect(get(result, 'sock.access')).toMatchObject({ status: 'fail', value: 'EACCES', title: `Permission denied on ${socketPath}` });
    expect(get(result, 'conn.ping')!.detail).toContain('See the Permissions group');
    expect(result.ok).toBe(false);
  });

  it('EACCES for real: a socket with mode 000 refuses an ordinary user (as root: checked as nobody)', async () => {
    const socketPath = await setup(await fixture('etc/group'));
    await chmod(socketPath, 0o000);
    if (process.getuid?.() !== 0) {
      expect(await realSocketAccess(socketPath)).toBe('EACCES');
      return;
    }
    // root passes any mode, so ask the built module as nobody (the tree is world-readable, the socket not).
    ensureBuilt();
    await chmod(tree!.root, 0o755);
    const code = `import { realSocketAccess } from ${JSON.stringify(path.join(repoRoot, 'dist/engine/host/socket-facts.js'))}; console.log(await realSocketAccess(${JSON.stringify(socketPath)}));`;
    const { stdout } = await run('runuser', ['-u', 'nobody', '--', process.execPath, '--input-type=module', '-e', code]);
    expect(stdout.trim()).toBe('EACCES');
  });

  it('the real access check connects: a live socket is ok, a path with no socket is ENOENT', async () => {
    const socketPath = await setup(await fixture('etc/group'));
    expect(await realSocketAccess(socketPath)).toBe('ok');
    expect(await realSocketAccess(`${socketPath}.missing`)).toBe('ENOENT');
  });
});
