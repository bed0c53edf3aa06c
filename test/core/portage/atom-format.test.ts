import { describe, expect, it } from 'vitest';
import { formatAtom, formatSlotDep, formatUseDep, atomCp } from '../../../src/core/portage/atom-format.js';
import { parseVersion } from '../../../src/core/portage/version.js';
import type { PackageAtom } from '../../../src/core/portage/atom-types.js';

describe('formatAtom', () => {
  it('writes every part in Portage order', () => {
    const atom: PackageAtom = {
      kind: 'package', blocker: 'weak', operator: '=', category: 'dev-lang', name: 'php', version: parseVersion('8.3'), wildcard: true,
      slot: { slot: '8.3', subslot: null, operator: '=' }, repo: 'gentoo', useDeps: [{ flag: 'cli', kind: 'enabled', default: null }, { flag: 'fpm', kind: 'equal-inverse', default: '-' }],
    };
    expect(formatAtom(atom)).toBe('!=dev-lang/php-8.3*:8.3=::gentoo[cli,!fpm(-)=]');
    expect(atomCp(atom)).toBe('dev-lang/php');
    expect(formatAtom({ kind: 'set', name: 'world' })).toBe('@world');
  });
  it('writes slot operators and USE dependency forms', () => {
    expect(formatSlotDep({ slot: null, subslot: null, operator: '*' })).toBe(':*');
    expect(formatSlotDep({ slot: '0', subslot: '3', operator: null })).toBe(':0/3');
    expect(formatUseDep({ flag: 'x', kind: 'conditional', default: '+' })).toBe('x(+)?');
    expect(formatUseDep({ flag: 'x', kind: 'conditional-inverse', default: null })).toBe('!x?');
    expect(formatUseDep({ flag: 'x', kind: 'disabled', default: null })).toBe('-x');
    expect(formatUseDep({ flag: 'x', kind: 'equal', default: null })).toBe('x=');
  });
});
