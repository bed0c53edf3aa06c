// sshd for the second engine, in its namespace: key-only root login with a key made here, held by an
// ssh-agent of its own, and the second engine as every session's DOCKER_HOST.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { exited } from './daemon-process.js';
import { inNetns, run, sleep, spawnLogged, tail } from './second-engine-proc.js';

/** sshd in the namespace (key-only root login, the second engine as every session's DOCKER_HOST) and an agent holding the key. */
export async function startSshd(dir: string, netns: string, address: string, dockerHost: string, track: (child: ChildProcess) => void):
  Promise<{ sshHost: string | null; sshAuthSock: string | null; sshReason: string }> {
  const sshDir = path.join(dir, 'ssh');
  mkdirSync(sshDir, { mode: 0o700 });
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'gentoo-wb test client', '-f', path.join(sshDir, 'id')]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'gentoo-wb test host', '-f', path.join(sshDir, 'host_key')]);
  writeFileSync(path.join(sshDir, 'authorized_keys'), readFileSync(path.join(sshDir, 'id.pub')), { mode: 0o600 });
  // sshd's privilege-separation folder; Debian's init script makes it, nothing runs that here.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  chmodSync(sshDir, 0o700);
  const config = path.join(sshDir, 'sshd_config');
  writeFileSync(config, [
    `ListenAddress ${address}`,
    'Port 22',
    `HostKey ${path.join(sshDir, 'host_key')}`,
    `AuthorizedKeysFile ${path.join(sshDir, 'authorized_keys')}`,
    `PidFile ${path.join(sshDir, 'sshd.pid')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    // The temporary folder's owner and modes are not what StrictModes wants for a home.
    'StrictModes no',
    // `docker system dial-stdio` on this side talks to the second engine, not the first.
    `SetEnv DOCKER_HOST=${dockerHost}`,
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n'));
  const sshd = spawnLogged('nsenter', inNetns(netns, ['/usr/sbin/sshd', '-D', '-e', '-f', config]), path.join(sshDir, 'sshd.log'));
  track(sshd);
  const agentSock = path.join(sshDir, 'agent.sock');
  const agent = spawnLogged('ssh-agent', ['-D', '-a', agentSock], path.join(sshDir, 'agent.log'));
  track(agent);
  const deadline = Date.now() + 10_000;
  while (!existsSync(agentSock)) {
    if (exited(agent) || Date.now() > deadline) return { sshHost: null, sshAuthSock: null, sshReason: `ssh-agent did not start: ${tail(path.join(sshDir, 'agent.log'))}` };
    await sleep(50);
  }
  run('ssh-add', ['-q', path.join(sshDir, 'id')], { env: { ...process.env, SSH_AUTH_SOCK: agentSock } });
  // sshd is ready when it answers with its banner.
  while (!(await sshBanner(address))) {
    if (exited(sshd)) return { sshHost: null, sshAuthSock: null, sshReason: `sshd exited: ${tail(path.join(sshDir, 'sshd.log'))}` };
    if (Date.now() > deadline) return { sshHost: null, sshAuthSock: null, sshReason: `sshd did not answer: ${tail(path.join(sshDir, 'sshd.log'))}` };
    await sleep(100);
  }
  return { sshHost: `ssh://root@${address}:22`, sshAuthSock: agentSock, sshReason: '' };
}

function sshBanner(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 22, timeout: 1000 });
    socket.once('data', (d: Buffer) => { socket.destroy(); resolve(d.toString().startsWith('SSH-')); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}
