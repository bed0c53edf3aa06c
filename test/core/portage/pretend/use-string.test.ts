import { describe, expect, it } from 'vitest';
import { parseUseString } from '../../../helpers/whole-text.js';

describe('USE strings', () => {
  it('decodes every decoration', () => {
    const flags = parseUseString('USE="a -b c* -d* e%* -f% (g) (-h) {-test} (-i%*)" ABI_X86="32* (64) (-x32)"');
    expect(flags.map((f) => [f.name, f.enabled, f.changed, f.newFlag, f.forced, f.testBound])).toEqual([
      ['a', true, false, false, false, false], ['b', false, false, false, false, false], ['c', true, true, false, false, false],
      ['d', false, true, false, false, false], ['e', true, true, true, false, false], ['f', false, false, true, false, false],
      ['g', true, false, false, true, false], ['h', false, false, false, true, false], ['test', false, false, false, false, true],
      ['i', false, true, true, true, false], ['32', true, true, false, false, false], ['64', true, false, false, true, false], ['x32', false, false, false, true, false],
    ]);
    expect(flags[10]).toMatchObject({ group: 'ABI_X86', flag: 'abi_x86_32' });
  });
});
