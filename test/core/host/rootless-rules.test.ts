import { describe, expect, it } from 'vitest';
import { rootlessFindings } from '../../../src/core/host/rootless-rules.js';
import { dockerEngine, hostFacts, programs } from './facts-builder.js';

const rootlessEngine = dockerEngine({ rootless: true, endpoint: { host: 'unix:///run/user/1000/docker.sock', source: 'DOCKER_HOST', context: null, warnings: [] } });
const get = (fs: ReturnType<typeof rootlessFindings>, id: string) => fs.find((x) => x.id === id);

describe('rootless findings', () => {
  it('are skipped with a hint when rootless is neither used nor asked about', () => {
    const f = rootlessFindings(hostFacts());
    expect(f.map((x) => x.id)).toEqual(['rl.skipped']);
    expect(f[0]!.fix).toEqual(['gentoo-wb check --group rootless']);
  });

  it('a prepared rootless host passes every item', () => {
    const f = rootlessFindings(hostFacts({ engine: rootlessEngine, rootfulDocker: { path: '/var/run/docker.sock', exists: false, access: 'ENOENT' } }));
    expect(f.filter((x) => x.status === 'fail' || x.status === 'warn').map((x) => x.id)).toEqual([]);
    expect(f.map((x) => x.id)).toEqual(expect.arrayContaining(['rl.os_user', 'rl.bins', 'rl.uidmap', 'rl.subuid', 'rl.subgid', 'rl.userns', 'rl.tun', 'rl.netdrv', 'rl.xdg', 'rl.kernel', 'rl.kconfig']));
  });

  it('missing subuid/subgid entries and newuidmap fail with the exact fixes', () => {
    const base = hostFacts();
    const f = rootlessFindings(hostFacts({
      rootlessAsked: true,
      user: { ...base.user, subuid: [], subgid: null, programs: programs(['newuidmap']) },
    }));
    expect(get(f, 'rl.subuid')).toMatchObject({ status: 'fail', fix: ['echo "larry:100000:65536" >> /etc/subuid   # as root; pick a range no other user has'] });
    expect(get(f, 'rl.subgid')!.status).toBe('fail');
    const uidmap = get(f, 'rl.uidmap')!;
    expect(uidmap.status).toBe('fail');
    expect(uidmap.fix[0]).toMatch(/sys-apps\/shadow/);
  });

  it('warns about too few sub-ids, switched-off user namespaces, a rootful daemon in the way and no lingering', () => {
    const base = hostFacts();
    const f = rootlessFindings(hostFacts({
      engine: rootlessEngine,
      user: { ...base.user, subuid: [{ start: 100000, count: 1000 }] },
      system: { ...base.system, maxUserNamespaces: 0 },
      cgroup: { ...base.cgroup, systemd: true },
    }));
    expect(get(f, 'rl.subuid')).toMatchObject({ status: 'warn', value: 1000 });
    expect(get(f, 'rl.userns')!.fix[0]).toBe('sysctl -w user.max_user_namespaces=28633');
    expect(get(f, 'rl.rootful')!.status).toBe('warn');
    expect(get(f, 'rl.linger')).toMatchObject({ status: 'warn', fix: ['loginctl enable-linger larry'] });
  });

  it('root cannot be rootless; missing TUN and a kernel before 5.11 without fuse-overlayfs are named', () => {
    const base = hostFacts();
    const options = { ...(base.kernel.config.found ? base.kernel.config.options : {}) };
    delete options.TUN;
    const f = rootlessFindings(hostFacts({
      rootlessAsked: true,
      user: { ...base.user, uid: 0, programs: programs(['fuse-overlayfs']) },
      kernel: { ...base.kernel, release: '5.10.200', config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: null } },
    }));
    expect(get(f, 'rl.os_user')!.status).toBe('fail');
    expect(get(f, 'rl.kernel')!.status).toBe('warn');
    const k = get(f, 'rl.kconfig')!;
    expect(k.title).toBe('Kernel options for rootless missing: TUN, FUSE_FS');
    expect(k.fix).toContain('emerge --ask sys-fs/fuse-overlayfs');
  });

  it('are checked for a normal user who cannot use the rootful socket', () => {
    const base = hostFacts();
    const f = rootlessFindings(hostFacts({ socket: { ...base.socket!, access: 'EACCES' } }));
    expect(f.some((x) => x.id === 'rl.subuid')).toBe(true);
  });
});
