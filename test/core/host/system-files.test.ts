import { describe, expect, it } from 'vitest';
import { cgroupModeFromMounts, cgroupModeFromStatfs, countCpus, osReleaseValue, parseGroups, parseMemTotal, parseMounts, parsePasswd, parseSubIds } from '../../../src/core/host/system-files.js';

const HYBRID = `tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
/dev/sda3 /mnt/my\\040disk ext4 rw 0 0
`;

describe('system files', () => {
  it('parses mounts with escaped spaces and tells v1, v2 and hybrid apart', () => {
    const m = parseMounts(HYBRID);
    expect(m.at(-1)!.mountPoint).toBe('/mnt/my disk');
    expect(cgroupModeFromMounts(m)).toBe('hybrid');
    expect(cgroupModeFromMounts(m.filter((x) => x.fsType !== 'cgroup2'))).toBe('v1');
    expect(cgroupModeFromMounts(parseMounts('cgroup2 /sys/fs/cgroup cgroup2 rw,nsdelegate 0 0'))).toBe('v2');
    expect(cgroupModeFromMounts([])).toBe('none');
    expect(cgroupModeFromStatfs(0x63677270, [])).toBe('v2');
    expect(cgroupModeFromStatfs(0x01021994, m)).toBe('hybrid');
  });

  it('reads memory, CPUs, users, groups, sub-ids and os-release', () => {
    expect(parseMemTotal('MemTotal:       24684084 kB\nMemFree: 1 kB')).toBe(24684084 * 1024);
    expect(countCpus('processor\t: 0\nmodel name: x\n\nprocessor\t: 1\n')).toBe(2);
    expect(parsePasswd('root:x:0:0:root:/root:/bin/bash\nlarry:x:1000:1000::/home/larry:/bin/bash')[1]).toEqual({ name: 'larry', uid: 1000, gid: 1000, home: '/home/larry' });
    expect(parseGroups('docker:x:998:larry, alice\nwheel:x:10:')).toEqual([{ name: 'docker', gid: 998, members: ['larry', 'alice'] }, { name: 'wheel', gid: 10, members: [] }]);
    expect(parseSubIds('alice:100000:65536\nlarry:165536:65536\n1000:300000:10', 'larry', 1000)).toEqual([{ start: 165536, count: 65536 }, { start: 300000, count: 10 }]);
    expect(osReleaseValue('NAME=Gentoo\nID=gentoo\nPRETTY_NAME="Gentoo Linux"', 'ID')).toBe('gentoo');
  });
});
