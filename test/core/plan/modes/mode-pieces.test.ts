import { describe, expect, it } from 'vitest';
import { LABEL } from '../../../../src/core/labels.js';
import { eselectLinkArgs } from '../../../../src/core/plan/modes/eselect-links.js';
import { helperFiles } from '../../../../src/core/plan/modes/helper-scripts.js';
import { parseImageUser } from '../../../../src/core/plan/modes/image-user.js';
import { stripSteps, type StripOptions } from '../../../../src/core/plan/modes/scratch-strip.js';
import { baselineMarch, cpuLabels, cpuWarning, parseCpuFacts, targetMakeConf } from '../../../../src/core/plan/modes/stage4-cpu.js';

const NO_STRIP: StripOptions = { docs: false, man: false, info: false, headers: false, pkgconfig: false, staticLibs: false, locales: false, packageDb: false, portageState: false };

describe('mode pieces', () => {
  it('eselect link pairs: one LINK PATTERN pair per candidate, in table order', () => {
    expect(eselectLinkArgs([{ module: 'php', link: '/usr/bin/php', candidates: ['/usr/bin/php[0-9]*', '/usr/lib64/php[0-9]*/bin/php'] }])).toEqual([
      '/usr/bin/php', '/usr/bin/php[0-9]*', '/usr/bin/php', '/usr/lib64/php[0-9]*/bin/php',
    ]);
  });

  it('USER forms: name, uid, name:group, uid:gid; anything else is refused with the value named', () => {
    expect(parseImageUser('www')).toEqual({ ok: true, user: 'www', group: null });
    expect(parseImageUser('1000:100')).toEqual({ ok: true, user: '1000', group: '100' });
    expect(parseImageUser('nginx:www-data')).toEqual({ ok: true, user: 'nginx', group: 'www-data' });
    expect(parseImageUser('a:b:c').ok).toBe(false);
    expect(parseImageUser('$(reboot)')).toMatchObject({ ok: false, problem: expect.stringContaining('"$(reboot)"') });
    expect(parseImageUser('').ok).toBe(false);
  });

  it('L10N tags keep their gettext folders and fallbacks', () => {
    const argv = stripSteps({ ...NO_STRIP, locales: true }, 'de en-GB pt-BR sr-Latn').find((s) => s.id === 'strip-locales')!.argv;
    expect(argv.filter((_, i) => argv[i - 1] === '-name')).toEqual(['de', 'en', 'en_GB', 'pt', 'pt_BR', 'sr', 'sr@latin', 'sr_Latn']);
    expect(stripSteps({ ...NO_STRIP, locales: true }, '').find((s) => s.id === 'strip-locales')!.title).toBe('Strip message catalogues from ROOT (no L10N chosen)');
  });

  it('retargets literal flag variables, leaves references alone, drops older -march/-mtune/-O', () => {
    const out = targetMakeConf({ COMMON_FLAGS: '-O2 -pipe -march=x86-64 -mtune=generic', CFLAGS: '${COMMON_FLAGS}', CXXFLAGS: '${COMMON_FLAGS}', LDFLAGS: '-Wl,-O1' }, 'znver3', '-Os');
    expect(out).toEqual({ COMMON_FLAGS: '-pipe -march=znver3 -Os', CFLAGS: '${COMMON_FLAGS}', CXXFLAGS: '${COMMON_FLAGS}', LDFLAGS: '-Wl,-O1' });
    // CFLAGS built from something else that lacks the -march: set outright.
    expect(targetMakeConf({ X: '-O3', CFLAGS: '${X} -pipe' }, 'native', '-O2')).toMatchObject({ CFLAGS: '-pipe -march=native -O2', CXXFLAGS: '-pipe -march=native -O2' });
    expect([baselineMarch('x86_64-pc-linux-gnu'), baselineMarch('aarch64-unknown-linux-gnu'), baselineMarch('riscv64-unknown-linux-gnu')]).toEqual(['x86-64', 'armv8-a', '']);
  });

  it('reads CPU facts back and labels the image; host flags only count for native', () => {
    const gcc = parseCpuFacts('march=native\nresolved=znver3\nsource=gcc\nflags=avx avx2 bmi2 \n');
    expect(gcc).toEqual({ march: 'native', resolved: 'znver3', source: 'gcc', flags: ['avx', 'avx2', 'bmi2'] });
    expect(cpuLabels(gcc)).toEqual({ [LABEL.march]: 'native (znver3)', [LABEL.cpuFlags]: 'avx avx2 bmi2' });
    expect(cpuWarning(gcc)).toMatch(/built for the CPU of the machine that built it \(znver3\): it needs a CPU with the same instruction sets/);
    const host = parseCpuFacts('march=x86-64-v3\nresolved=\nsource=cpuinfo\nflags=fpu sse2 avx2\n');
    expect(cpuLabels(host)).toEqual({ [LABEL.march]: 'x86-64-v3' });
    expect(cpuLabels({ ...host, march: 'native' })).toEqual({ [LABEL.march]: 'native', [LABEL.cpuFlags]: 'fpu sse2 avx2' });
    expect(parseCpuFacts('garbage').source).toBe('none');
  });

  it('helper scripts are executable POSIX sh files that take their data as arguments', () => {
    const files = helperFiles(['eselect-links', 'copy-into-root', 'root-users', 'capture-packages', 'cpu-facts', 'root-users']);
    expect(files).toHaveLength(5);
    for (const f of files) {
      expect(f.mode).toBe(0o755);
      expect(f.content.startsWith('#!/bin/sh\n')).toBe(true);
      expect(f.content).toMatch(/Arguments: |Arguments: ROOT/);
    }
  });
});
