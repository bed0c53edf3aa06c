// Permission checks for a local engine socket: does it exist, who owns it, may this session use
// it, is the user in the docker group (and is that active), and the warning that the group is root.
import type { EngineFacts, SocketFacts, UserFacts } from './facts.js';
import { finding, type Finding } from './finding.js';
import { startEngineFix } from './service-fix.js';

/** Every permission finding; tcp/ssh endpoints only get a note. */
export function permissionFindings(socket: SocketFacts | null, user: UserFacts, engine: EngineFacts): Finding[] {
  if (socket === null) {
    const host = engine.endpoint?.host ?? 'unknown';
    return [finding({
      id: 'sock.exists', group: 'permissions', status: 'info', value: null,
      title: `Endpoint ${host} is not a local socket`,
      detail: 'File permissions do not apply to tcp:// and ssh:// endpoints; whoever can reach that address can run containers as the daemon\'s user.',
    })];
  }
  const out = [existsFinding(socket)];
  if (socket.exists) out.push(ownerFinding(socket), accessFinding(socket, user));
  const membership = membershipFinding(socket, user, engine);
  if (membership) out.push(membership);
  const rootEquivalent = dockerGroupWarning(socket, engine);
  if (rootEquivalent) out.push(rootEquivalent);
  return out;
}

function existsFinding(s: SocketFacts): Finding {
  const base = { id: 'sock.exists', group: 'permissions' as const, value: s.path };
  if (!s.exists) {
    return finding({
      ...base, status: 'fail', title: `No socket at ${s.path}`,
      detail: 'The engine is not running, or it listens somewhere else (rootless Docker and Podman use $XDG_RUNTIME_DIR).', fix: startEngineFix(s.path),
    });
  }
  if (!s.isSocket) {
    return finding({
      ...base, status: 'fail', title: `${s.path} exists but is not a socket`,
      detail: 'Something else occupies the socket\'s path (often a directory created by a bind mount of a missing socket).',
      fix: [`ls -l ${s.path}`, `# remove it if it is stale, then start the engine again`],
    });
  }
  if (s.symlinkTarget !== null) {
    return finding({
      ...base, status: 'info', title: `${s.path} links to ${s.symlinkTarget}`,
      detail: 'A symlinked Docker socket usually means podman-docker: Podman answers Docker\'s API here.',
    });
  }
  return finding({ ...base, status: 'pass', title: `Socket ${s.path}`, detail: 'The engine\'s socket is where the client looks for it.' });
}

function modeText(mode: number | null): string {
  return mode === null ? '?' : `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

function ownerFinding(s: SocketFacts): Finding {
  const owner = `${s.ownerUid === 0 ? 'root' : String(s.ownerUid ?? '?')}:${s.groupName ?? String(s.groupGid ?? '?')}`;
  const worldWritable = s.mode !== null && (s.mode & 0o002) !== 0;
  return finding({
    id: 'sock.owner', group: 'permissions', status: worldWritable ? 'warn' : 'info', value: `${owner} ${modeText(s.mode)}`,
    title: `Socket owned by ${owner}, mode ${modeText(s.mode)}`,
    detail: worldWritable
      ? 'Every local user can write to this socket, so every local user can become root through the engine.'
      : 'Rootful Docker expects root:docker 0660; rootless engines own their socket themselves.',
    fix: worldWritable ? [`chmod 0660 ${s.path}`, `chgrp docker ${s.path}`] : [],
  });
}

function accessFinding(s: SocketFacts, user: UserFacts): Finding {
  const base = { id: 'sock.access', group: 'permissions' as const, value: s.access };
  if (s.access === 'ok') return finding({ ...base, status: 'pass', title: 'This session can read and write the socket', detail: 'Commands reach the engine.' });
  if ((s.access === 'EACCES' || s.access === 'EPERM') && groupLocked(s)) {
    return finding({
      ...base, status: 'fail', title: `Permission denied on ${s.path}: its mode ${modeText(s.mode)} shuts out its own group`,
      detail: 'The socket\'s group may neither read nor write it, so joining the group would not help: the mode is what is wrong.',
      fix: socketModeFix(s),
    });
  }
  if (s.access === 'EACCES' || s.access === 'EPERM') {
    return finding({
      ...base, status: 'fail', title: `Permission denied on ${s.path}`,
      detail: 'This session may not talk to the engine. Joining the socket\'s group gives access (and with it root: see the docker group warning); a rootless engine avoids that.',
      fix: joinGroupFix(user.name, s.groupName ?? 'docker'),
    });
  }
  if (s.access === 'ECONNREFUSED') {
    return finding({
      ...base, status: 'fail', title: `Nothing listens on ${s.path} (connection refused)`,
      detail: 'The socket file is left over from an engine that is not running any more.', fix: startEngineFix(s.path),
    });
  }
  return finding({ ...base, status: 'fail', title: `Cannot use ${s.path}: ${s.access}`, detail: 'The socket could not be opened.', fix: startEngineFix(s.path) });
}

/** The socket's mode gives its group no read/write (e.g. 0000 or 0600), so membership cannot help. */
function groupLocked(s: SocketFacts): boolean {
  return s.mode !== null && (s.mode & 0o060) !== 0o060;
}

function socketModeFix(s: SocketFacts): string[] {
  return [
    `chmod 0660 ${s.path}   # as root: the engine's socket is root:docker 0660`,
    ...(s.groupName === 'docker' ? [] : [`chgrp docker ${s.path}`]),
    '# restarting the engine recreates the socket with its configured mode (e.g. rc-service docker restart)',
  ];
}

function joinGroupFix(name: string | null, group: string): string[] {
  const who = name ?? '"$USER"';
  return [
    `usermod -aG ${group} ${who}   # as root`,
    `newgrp ${group}   # or log out and in: group changes apply to new sessions`,
    '# or use a rootless engine: dockerd-rootless-setuptool.sh install   (Podman: systemctl --user enable --now podman.socket)',
  ];
}

function membershipFinding(s: SocketFacts, user: UserFacts, engine: EngineFacts): Finding | null {
  const base = { id: 'grp.member', group: 'permissions' as const };
  if (user.uid === 0) return finding({ ...base, status: 'pass', value: 'root', title: 'Running as root: no group needed', detail: 'root can use the socket whatever its group.' });
  if ((engine.reachable && engine.rootless) || s.ownerUid === user.uid) {
    return finding({ ...base, status: 'info', value: 'owner', title: 'You own the socket: no group needed', detail: 'A rootless engine runs as you, so its socket is yours.' });
  }
  const group = user.dockerGroup;
  if (group === null) {
    return finding({
      ...base, status: 'fail', value: 'absent', title: 'There is no docker group',
      detail: 'Without the group only root can use rootful Docker\'s socket.',
      fix: ['emerge --oneshot acct-group/docker   # Gentoo; elsewhere: groupadd docker', ...joinGroupFix(user.name, 'docker')],
    });
  }
  const listed = (user.name !== null && group.members.includes(user.name)) || user.loginGid === group.gid;
  const active = user.gid === group.gid || user.processGroups.includes(group.gid);
  if (active) return finding({ ...base, status: 'pass', value: 'active', title: 'docker group active in this session', detail: 'This session carries the docker group, so the socket\'s group permission applies.' });
  if (listed) {
    return finding({
      ...base, status: 'warn', value: 'listed', title: 'In the docker group, but not in this session',
      detail: 'You were added to the group after this session started; sessions only pick up groups at login.',
      fix: ['newgrp docker   # a shell with the group now', '# or log out and in again'],
    });
  }
  return finding({
    ...base, status: 'fail', value: 'absent', title: `${user.name ?? 'You'} not in the docker group`,
    detail: groupLocked(s)
      ? `Only members of the group (and root) may use rootful Docker's socket, and its mode ${modeText(s.mode)} shuts out even them: fix the mode first.`
      : 'Only members of the group (and root) may use rootful Docker\'s socket.',
    fix: groupLocked(s) ? socketModeFix(s) : joinGroupFix(user.name, 'docker'),
  });
}

function dockerGroupWarning(s: SocketFacts, engine: EngineFacts): Finding | null {
  const rootless = engine.reachable && engine.rootless;
  const podman = engine.reachable && engine.kind === 'podman';
  if (rootless || podman || s.ownerUid !== 0) return null;
  return finding({
    id: 'sec.dockerGroup', group: 'permissions', status: 'warn', value: s.groupName,
    title: 'Access to rootful Docker equals root on this host',
    detail: 'Anyone who may use this socket (root and the docker group) can start a container that mounts the host\'s / and change anything. Add only people you would give root.',
    fix: [
      '# consider rootless Docker, which runs as your user (see the Rootless group for what it needs):',
      'emerge --noreplace sys-apps/rootlesskit app-containers/slirp4netns   # Gentoo',
      'dockerd-rootless-setuptool.sh install   # as your user',
      '# or rootless Podman: emerge app-containers/podman && systemctl --user enable --now podman.socket',
    ],
  });
}
