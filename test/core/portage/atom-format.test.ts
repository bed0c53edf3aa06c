import { describe, expect, it } from 'vitest';
import { formatAtom } from '../../../src/core/portage/atom-format.js';
import { parseVersion } from '../../../src/core/portage/version.js';
import type { PackageAtom, UseDep } from '../../../src/core/portage/atom-types.js';

describe('formatAtom', () => {
  it('writes every part in Portage order', () => {
    const atom: PackageAtom = {
      kind: 'package', blocker: 'weak', operator: '=', category: 'dev-lang', name: 'php', version: parseVersion('8.3'), wildcard: true,
      slot: { slot: '8.3', subslot: null, operator: '=' }, repo: 'gentoo', useDeps: [{ flag: 'cli', kind: 'enabled', default: null }, { flag: 'fpm', kind: 'equal-inverse', default: '-' }],
    };
    expect(formatAtom(atom)).toBe('!=dev-lang/php-8.3*:8.3=::gentoo[cli,!fpm(-)=]');
    expect(formatAtom({ kind: 'set', name: 'world' })).toBe('@world');
  });
  it('writes slot operators and USE dependency forms', () => {
    const base: PackageAtom = { kind: 'package', blocker: null, operator: null, category: 'a', name: 'b', version: null, wildcard: false, slot: null, repo: null, useDeps: null };
    expect(formatAtom({ ...base, slot: { slot: null, subslot: null, operator: '*' } })).toBe('a/b:*');
    expect(formatAtom({ ...base, slot: { slot: '0', subslot: '3', operator: null } })).toBe('a/b:0/3');
    const use = (dep: UseDep) => formatAtom({ ...base, useDeps: [dep] });
    expect(use({ flag: 'x', kind: 'conditional', default: '+' })).toBe('a/b[x(+)?]');
    expect(use({ flag: 'x', kind: 'conditional-inverse', default: null })).toBe('a/b[!x?]');
    expect(use({ flag: 'x', kind: 'disabled', default: null })).toBe('a/b[-x]');
    expect(use({ flag: 'x', kind: 'equal', default: null })).toBe('a/b[x=]');
  });
});
