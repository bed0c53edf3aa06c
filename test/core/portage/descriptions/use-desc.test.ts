import { describe, expect, it } from 'vitest';
import { parseUseDesc, parseUseLocalDesc } from '../../../../src/core/portage/descriptions/use-desc.js';

describe('use.desc and use.local.desc', () => {
  it('reads global descriptions and skips comments', () => {
    const r = parseUseDesc('# Copyright\n\nX - Add support for X11\nssl - Add support for SSL/TLS - the usual\nbroken line\n');
    expect(r.entries).toEqual([{ flag: 'X', description: 'Add support for X11', line: 3 }, { flag: 'ssl', description: 'Add support for SSL/TLS - the usual', line: 4 }]);
    expect(r.invalid).toEqual([{ line: 5, text: 'broken line' }]);
  });
  it('reads package-local descriptions', () => {
    const r = parseUseLocalDesc('dev-lang/php:fpm - Enable the FastCGI Process Manager SAPI\nnotapackage:flag - x\n');
    expect(r.entries).toEqual([{ flag: 'fpm', package: 'dev-lang/php', description: 'Enable the FastCGI Process Manager SAPI', line: 1 }]);
    expect(r.invalid).toHaveLength(1);
  });
});
