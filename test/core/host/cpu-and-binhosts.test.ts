import { describe, expect, it } from 'vitest';
import { binhostFindings } from '../../../src/core/host/binhost-rules.js';
import { cpuLevelFinding, cpuV3 } from '../../../src/core/host/cpu-level.js';
import { evaluateHost } from '../../../src/core/host/evaluate.js';
import type { ProbeFacts } from '../../../src/core/host/facts.js';
import { parseProbeOutput, PROBE_SCRIPT } from '../../../src/core/host/probe-output.js';
import { hostFacts } from './facts-builder.js';

// The flags line of this machine's /proc/cpuinfo (an x86-64-v3 CPU), and one of a Sandy Bridge (v2 only).
const V3_FLAGS = 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx lm constant_tsc pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand lahf_lm abm bmi1 avx2 bmi2';
const V2_FLAGS = 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat clflush mmx fxsr sse sse2 ht syscall nx lm pni pclmulqdq ssse3 cx16 sse4_1 sse4_2 popcnt aes xsave avx lahf_lm';

function probe(flags: string | null): ProbeFacts {
  const lines = ['tool=none', 'cap=0', 'seccomp=2', ...(flags === null ? [] : [`cpu.flags=\t: ${flags}`]), 'done=1'];
  const parsed = parseProbeOutput(lines.join('\n'));
  if (!parsed) throw new Error('no parse');
  return { state: 'done', image: 'busybox', elapsedMs: 1, ...parsed };
}

describe('x86-64-v3 from the engine\'s CPU flags', () => {
  it('the probe reads the flags line of /proc/cpuinfo', () => {
    expect(PROBE_SCRIPT).toContain('done < /proc/cpuinfo');
    expect(probe(V3_FLAGS).state === 'done' && (probe(V3_FLAGS) as { cpuFlags?: string[] }).cpuFlags).toContain('avx2');
  });

  it('says v3 when every psABI v2 and v3 flag is there, and which ones lack otherwise', () => {
    expect(cpuV3(probe(V3_FLAGS))).toEqual({ known: true, v3: true, missing: [] });
    expect(cpuV3(probe(V2_FLAGS))).toEqual({ known: true, v3: false, missing: ['avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe'] });
    expect(cpuV3(probe(null))).toMatchObject({ known: false });
    expect(cpuV3({ state: 'skipped', reason: 'x' })).toMatchObject({ known: false, reason: 'the container probe did not run' });
    expect(cpuLevelFinding(probe(V2_FLAGS))).toMatchObject({ id: 'cpu.x86-64-v3', status: 'info', value: false, title: 'The engine\'s CPU does not run x86-64-v3 code' });
    expect(evaluateHost(hostFacts({ probe: probe(V3_FLAGS) })).cpuV3).toBe(true);
    expect(evaluateHost(hostFacts({ probe: { state: 'skipped', reason: 'x' } })).cpuV3).toBeNull();
  });
});

describe('binhost findings', () => {
  it('an answering binhost passes; Gentoo\'s binhost offline is a clear warning, not a crash', () => {
    const findings = binhostFindings([
      { source: { kind: 'served', name: 'lan' }, url: 'http://gwb-binhost-lan:8000/', status: 200, packages: 2, problem: null },
      { source: { kind: 'gentoo', variant: 'x86-64' }, url: 'https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64/', status: null, packages: null, problem: '[Errno -3] Temporary failure in name resolution' },
      { source: { kind: 'served', name: 'gone' }, url: null, status: null, packages: null, problem: 'no binhost called "gone" is served here' },
    ]);
    expect(findings.map((f) => [f.group, f.status, f.title])).toEqual([
      ['binhosts', 'pass', 'served binhost "lan" answers: 2 packages in its index'],
      ['binhosts', 'warn', "Gentoo's official binhost (x86-64, signed) does not answer at https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64/"],
      ['binhosts', 'warn', 'served binhost "gone" does not answer'],
    ]);
    expect(findings[1]!.detail).toMatch(/^does not answer: its host name does not resolve .*\(\[Errno -3\] Temporary failure in name resolution\)\. Builds that name it compile instead/);
    expect(findings[2]!.fix[0]).toContain('gentoo-wb binhost status');
    expect(evaluateHost(hostFacts()).findings.some((f) => f.group === 'binhosts')).toBe(false);
  });
});
