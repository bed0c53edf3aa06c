import { describe, expect, it } from 'vitest';
import type { UserFacts } from '../../../src/core/host/facts.js';
import { permissionFindings } from '../../../src/core/host/permission-rules.js';
import { dockerEngine, hostFacts } from './facts-builder.js';

const base = hostFacts();
function user(over: Partial<UserFacts>): UserFacts {
  return { ...base.user, ...over };
}
const get = (fs: ReturnType<typeof permissionFindings>, id: string) => fs.find((x) => x.id === id);

describe('permission findings', () => {
  it('docker group active: pass, plus the root-equivalence warning', () => {
    const f = permissionFindings(base.socket, base.user, base.engine);
    expect(get(f, 'sock.exists')!.status).toBe('pass');
    expect(get(f, 'sock.access')!.status).toBe('pass');
    expect(get(f, 'grp.member')).toMatchObject({ status: 'pass', value: 'active' });
    expect(get(f, 'sec.dockerGroup')!.status).toBe('warn');
    expect(get(f, 'sock.owner')!.title).toBe('Socket owned by root:docker, mode 0660');
  });

  it('listed in /etc/group but not active in this session: warn with newgrp', () => {
    const f = permissionFindings(base.socket, user({ processGroups: [10, 100] }), base.engine);
    const m = get(f, 'grp.member')!;
    expect(m).toMatchObject({ status: 'warn', value: 'listed' });
    expect(m.fix[0]).toMatch(/^newgrp docker/);
  });

  it('not a member: fail with usermod for the user by name', () => {
    const f = permissionFindings(base.socket, user({ processGroups: [10], dockerGroup: { gid: 998, members: ['alice'] } }), base.engine);
    const m = get(f, 'grp.member')!;
    expect(m).toMatchObject({ status: 'fail', value: 'absent' });
    expect(m.fix[0]).toBe('usermod -aG docker larry   # as root');
  });

  it('no docker group at all: fail and create it the Gentoo way', () => {
    const f = permissionFindings(base.socket, user({ dockerGroup: null }), base.engine);
    expect(get(f, 'grp.member')!.fix[0]).toMatch(/^emerge --oneshot acct-group\/docker/);
  });

  it('a socket whose mode shuts out its group (0000): fix the mode, not the membership', () => {
    const f = permissionFindings({ ...base.socket!, mode: 0o000, access: 'EACCES' }, user({ processGroups: [] }), base.engine);
    const access = get(f, 'sock.access')!;
    expect(access.title).toContain('mode 0000 shuts out its own group');
    expect(access.fix[0]).toBe(`chmod 0660 ${base.socket!.path}   # as root: the engine's socket is root:docker 0660`);
    expect(f.flatMap((x) => x.fix).some((l) => l.startsWith('usermod'))).toBe(false);
  });

  it('EACCES on the socket fails with the group fix', () => {
    const f = permissionFindings({ ...base.socket!, access: 'EACCES' }, user({ processGroups: [] }), base.engine);
    const a = get(f, 'sock.access')!;
    expect(a.status).toBe('fail');
    expect(a.title).toBe('Permission denied on /var/run/docker.sock');
    expect(a.fix.join('\n')).toContain('usermod -aG docker larry');
  });

  it('a missing socket fails with OpenRC and systemd start commands', () => {
    const f = permissionFindings({ ...base.socket!, exists: false, isSocket: false, access: 'ENOENT' }, base.user, { reachable: false, endpoint: null, code: 'ENOENT', message: 'connect ENOENT' });
    const e = get(f, 'sock.exists')!;
    expect(e.status).toBe('fail');
    expect(e.fix).toContain('rc-service docker start && rc-update add docker default   # OpenRC (Gentoo)');
    expect(e.fix).toContain('systemctl enable --now docker   # systemd');
    expect(get(f, 'sock.access')).toBeUndefined();
  });

  it('a world-writable socket is a warning', () => {
    const f = permissionFindings({ ...base.socket!, mode: 0o666 }, base.user, base.engine);
    expect(get(f, 'sock.owner')!.status).toBe('warn');
  });

  it('rootless engines need no group and carry no root warning', () => {
    const socket = { ...base.socket!, path: '/run/user/1000/docker.sock', ownerUid: 1000, groupGid: 1000, groupName: 'larry', mode: 0o660 };
    const f = permissionFindings(socket, user({ dockerGroup: null }), dockerEngine({ rootless: true }));
    expect(get(f, 'grp.member')!.status).toBe('info');
    expect(get(f, 'sec.dockerGroup')).toBeUndefined();
  });

  it('tcp endpoints get a note instead of file checks', () => {
    const f = permissionFindings(null, base.user, dockerEngine({ endpoint: { host: 'tcp://build:2376', source: 'DOCKER_HOST', context: null, warnings: [] } }));
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toBe('Endpoint tcp://build:2376 is not a local socket');
  });
});
