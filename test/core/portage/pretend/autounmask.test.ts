import { describe, expect, it } from 'vitest';
import { parseAutounmaskSection, autounmaskSectionKind } from '../../../../src/core/portage/pretend/autounmask.js';

describe('autounmask sections', () => {
  it('maps headers to change kinds', () => {
    expect(autounmaskSectionKind('The following keyword changes are necessary to proceed:')).toBe('keywords');
    expect(autounmaskSectionKind('The following mask changes are necessary to proceed:')).toBe('unmask');
    expect(autounmaskSectionKind('The following USE changes are necessary to proceed:')).toBe('use');
    expect(autounmaskSectionKind('The following license changes are necessary to proceed:')).toBe('license');
    expect(autounmaskSectionKind('The following packages are causing rebuilds:')).toBeNull();
  });
  it('groups chains with their entry', () => {
    expect(parseAutounmaskSection('keywords', [' (see "package.accept_keywords" in the portage(5) man page for more details)', '# required by a/b-1::gentoo', '=a/c-2 ~amd64', '# required by @world (argument)', '>=a/d-3:1 **'])).toEqual([
      { kind: 'keywords', line: '=a/c-2 ~amd64', atom: '=a/c-2', values: ['~amd64'], requiredBy: ['a/b-1::gentoo'], comments: [], file: 'package.accept_keywords' },
      { kind: 'keywords', line: '>=a/d-3:1 **', atom: '>=a/d-3:1', values: ['**'], requiredBy: ['@world (argument)'], comments: [], file: 'package.accept_keywords' },
    ]);
  });
});
