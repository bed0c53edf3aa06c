import { describe, expect, it } from 'vitest';
import { evaluateHost } from '../../../src/core/host/evaluate.js';
import { checkVerdict, CHECK_EXIT, gateImpact, gateKey } from '../../../src/core/host/gate.js';
import { acceptHostGate, settingsSchema } from '../../../src/core/settings.js';
import { dockerEngine, fullOptions, hostFacts, kernelFacts } from './facts-builder.js';

function withMissing(...symbols: string[]) {
  const options = fullOptions();
  for (const s of symbols) delete options[s];
  return kernelFacts({ config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: '6.12.21' } } });
}

describe('host check verdict', () => {
  it('only NETFILTER_XT_MATCH_IPVS missing on a host whose engine answers: kernel-only, exit 3, names the feature', () => {
    const result = evaluateHost(hostFacts({ kernel: withMissing('NETFILTER_XT_MATCH_IPVS') }));
    expect(result.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual(['kernel.CONFIG_NETFILTER_XT_MATCH_IPVS']);
    expect(checkVerdict(result)).toBe('kernel-only');
    expect(CHECK_EXIT[checkVerdict(result)]).toBe(3);
    expect(gateImpact(result)).toMatch(/builds should work\. Only these need them: swarm-mode services/);
    expect(result.findings.find((f) => f.id === 'kernel.CONFIG_NETFILTER_XT_MATCH_IPVS')!.detail).toContain('Only needed for swarm-mode services');
  });

  it('a missing option the engine cannot run without, or an engine that does not answer, breaks builds: exit 1', () => {
    const unreachable = evaluateHost(hostFacts({ kernel: withMissing('NETFILTER_XT_MATCH_IPVS'), engine: { reachable: false, error: 'ENOENT', message: 'no socket' } as never }));
    expect(checkVerdict(unreachable)).toBe('broken');
    const withCgroupFail = evaluateHost(hostFacts({ cgroup: { ...hostFacts().cgroup, mode: 'none' } }));
    expect(checkVerdict(withCgroupFail)).toBe('broken');
    expect(CHECK_EXIT.broken).toBe(1);
    expect(gateImpact(withCgroupFail)).toMatch(/Builds on this host will likely fail/);
  });

  it('nothing failed: exit 0', () => {
    expect(CHECK_EXIT[checkVerdict(evaluateHost(hostFacts()))]).toBe(0);
  });

  it('the remembered answer is keyed by host, kernel release and the failing checks', () => {
    const result = evaluateHost(hostFacts({ kernel: withMissing('NETFILTER_XT_MATCH_IPVS') }));
    const fails = result.findings.filter((f) => f.status === 'fail');
    const key = gateKey('larry-box', '6.12.21-gentoo', fails);
    expect(key).toBe('larry-box 6.12.21-gentoo kernel.CONFIG_NETFILTER_XT_MATCH_IPVS');
    expect(gateKey('larry-box', '6.12.22-gentoo', fails)).not.toBe(key);
    const settings = acceptHostGate(settingsSchema.parse({}), key);
    expect(settings.hostGateAccepted).toEqual([key]);
    expect(acceptHostGate(settings, key)).toBe(settings);
    expect(settingsSchema.parse(JSON.parse(JSON.stringify(settings))).hostGateAccepted).toEqual([key]);
  });
});

describe("cgroup v1 fixes name only the host's init system", () => {
  const v1 = { ...hostFacts().cgroup, mode: 'v1' as const };
  it.each([
    ['openrc', /rc_cgroup_mode/, /systemd/],
    ['systemd', /systemd\.unified_cgroup_hierarchy=1/, /OpenRC|rc\.conf/],
  ] as const)('%s', (init, wanted, unwanted) => {
    const f = hostFacts({ cgroup: v1, system: { ...hostFacts().system, init }, engine: dockerEngine({ cgroupVersion: '1' }) });
    const result = evaluateHost(f);
    for (const id of ['cg.mode', 'eng.cgroup']) {
      const fix = result.findings.find((x) => x.id === id)!.fix.join('\n');
      expect(fix, id).toMatch(wanted);
      expect(fix, id).not.toMatch(unwanted);
    }
  });

  it('the engine-on-cgroup-v1 warning has a fix', () => {
    const result = evaluateHost(hostFacts({ engine: dockerEngine({ cgroupVersion: '1' }) }));
    const eng = result.findings.find((x) => x.id === 'eng.cgroup')!;
    expect(eng.status).toBe('warn');
    expect(eng.fix.length).toBeGreaterThan(0);
  });
});
