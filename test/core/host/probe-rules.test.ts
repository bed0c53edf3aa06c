import { describe, expect, it } from 'vitest';
import type { ProbeFacts } from '../../../src/core/host/facts.js';
import { parseProbeOutput } from '../../../src/core/host/probe-output.js';
import { probeFindings, recommendFeatures } from '../../../src/core/host/probe-rules.js';

// What the probe printed in busybox on Docker 20.10 with the default seccomp profile (captured on the CI machine).
const DOCKER_DEFAULT = [
  'tool=unshare',
  'ns.ipc=1', 'ns.ipc.err=unshare: unshare(0x8000000): Operation not permitted',
  'ns.net=1', 'ns.net.err=unshare: unshare(0x40000000): Operation not permitted',
  'ns.pid=1', 'ns.pid.err=unshare: unshare(0x20000000): Operation not permitted',
  'ns.mount=1', 'ns.mount.err=unshare: unshare(0x20000): Operation not permitted',
  'ns.uts=1', 'ns.uts.err=unshare: unshare(0x4000000): Operation not permitted',
  'ns.user=1', 'ns.user.err=unshare: unshare(0x10000000): Operation not permitted',
  'cap=\t00000000a80425fb', 'seccomp=\t2',
  'tmpfs.fs=tmpfs', 'tmpfs.opts=rw,nosuid,nodev,relatime,size=16384k', 'tmpfs.write=ok',
  'ptrace=untested', 'done=1',
].join('\r\n');

function done(text: string): ProbeFacts {
  const parsed = parseProbeOutput(text);
  if (!parsed) throw new Error('probe output did not parse');
  return { state: 'done', image: 'busybox:latest', elapsedMs: 290, ...parsed };
}

describe('probe output', () => {
  it('decodes Docker\'s default capability set', () => {
    expect(parseProbeOutput(DOCKER_DEFAULT)!.capabilities).toEqual([
      'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'NET_BIND_SERVICE', 'NET_RAW', 'SYS_CHROOT', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP',
    ]);
  });

  it('parses namespaces, seccomp, tmpfs and ptrace', () => {
    const p = parseProbeOutput(DOCKER_DEFAULT)!;
    expect(p.unshareTool).toBe('unshare');
    expect(p.unshare).toEqual({ ipc: 'EPERM', net: 'EPERM', pid: 'EPERM', mount: 'EPERM', uts: 'EPERM', user: 'EPERM' });
    expect(p.seccomp).toBe('filter');
    expect(p.capabilities).toContain('SYS_CHROOT');
    expect(p.capabilities).not.toContain('SYS_ADMIN');
    expect(p.tmpfs).toEqual({ mounted: true, writable: true, exec: true });
    expect(p.ptrace).toBe('untested');
  });

  it('returns null when the script did not finish, and reads noexec and other errors', () => {
    expect(parseProbeOutput('tool=unshare\nns.ipc=0\n')).toBeNull();
    const p = parseProbeOutput('tool=busybox\nns.ipc=0\nns.net=127\nns.net.err=sh: unshare: not found\ntmpfs.fs=tmpfs\ntmpfs.opts=rw,noexec\ntmpfs.write=ok\nptrace=ok\ndone=1')!;
    expect(p.unshare.ipc).toBe('ok');
    expect(p.unshare.net).toEqual({ error: 'sh: unshare: not found' });
    expect(p.tmpfs).toMatchObject({ mounted: true, exec: false });
    expect(p.ptrace).toBe('ok');
  });
});

describe('FEATURES advice', () => {
  it('turns off the sandboxes whose namespaces are refused and offers, not adds, capabilities', () => {
    const a = recommendFeatures(done(DOCKER_DEFAULT));
    expect(a).toMatchObject({ basis: 'probe', features: ['-ipc-sandbox', '-network-sandbox', '-pid-sandbox'], capAdd: [], tmpfs: true });
    expect(a.optionalCaps.map((c) => c.cap)).toEqual(['SYS_ADMIN', 'SYS_PTRACE']);
  });

  it('keeps the sandboxes where unshare works', () => {
    const open = DOCKER_DEFAULT.replace(/ns\.(ipc|net|pid)=1/g, 'ns.$1=0');
    const a = recommendFeatures(done(open));
    expect(a.features).toEqual([]);
    expect(a.optionalCaps.map((c) => c.cap)).toEqual(['SYS_PTRACE']);
  });

  it('falls back to the cautious default without a probe, and says so', () => {
    const skipped: ProbeFacts = { state: 'skipped', reason: 'no local image to run it in' };
    expect(recommendFeatures(skipped)).toMatchObject({ basis: 'default', features: ['-ipc-sandbox', '-network-sandbox', '-pid-sandbox'] });
    const f = probeFindings(skipped);
    expect(f.map((x) => [x.id, x.status])).toEqual([['probe.run', 'info'], ['probe.features', 'info']]);
    expect(f[0]!.title).toBe('Container probe skipped: no local image to run it in');
  });

  it('lists one finding per sandbox namespace with the FEATURES line to use', () => {
    const f = probeFindings(done(DOCKER_DEFAULT));
    const ipc = f.find((x) => x.id === 'probe.unshare.ipc')!;
    expect(ipc.title).toBe('ipc namespace refused: EPERM (ipc-sandbox fails)');
    expect(ipc.fix[0]).toMatch(/^FEATURES="\$\{FEATURES\} -ipc-sandbox"/);
    expect(f.find((x) => x.id === 'probe.features')!.title).toBe('Builds use FEATURES="${FEATURES} -ipc-sandbox -network-sandbox -pid-sandbox", no extra capabilities');
  });
});
