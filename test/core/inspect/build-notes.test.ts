import { describe, expect, it } from 'vitest';
import { buildNotes } from '../../../src/core/inspect/build-notes.js';

describe('build notes from record extras', () => {
  it('says what CPU a stage4 image needs, what flattening saved and what the ROOT check found', () => {
    expect(
      buildNotes({
        cpu: { march: 'native', resolved: 'znver3', source: 'gcc', flags: ['avx2', 'bmi2'], warning: 'built for the CPU of the machine that built it (znver3): it needs a CPU with the same instruction sets' },
        sizes: { before: 431_200_000, after: 212_000_000, layers: 1 },
        rootCheck: { files: 120, missing: [] },
        packages: [],
      }),
    ).toEqual([
      'CPU: built for the CPU of the machine that built it (znver3): it needs a CPU with the same instruction sets (flags: avx2 bmi2)',
      'Size: 431.2 MB before trimming and flattening, 212.0 MB after (51 % less)',
      'ROOT check: every ELF file found its libraries (120 files scanned)',
    ]);
    expect(buildNotes({ rootCheck: { missing: [{ file: '/usr/bin/x', library: 'liby.so.1' }] } })).toEqual(['ROOT check: 1 missing library']);
  });

  it('ignores what it does not know', () => {
    expect(buildNotes(undefined)).toEqual([]);
    expect(buildNotes({ cpu: 'odd', sizes: { before: 0, after: 1 } })).toEqual([]);
  });
});
