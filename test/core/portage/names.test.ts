import { describe, expect, it } from 'vitest';
import { splitCpv, checkPackageName, checkCategory, cpOf } from '../../../src/core/portage/names.js';

describe('splitCpv', () => {
  it('splits cat/pn-ver, including names with digits and revisions', () => {
    expect(splitCpv('dev-libs/libpcre2-10.44')).toEqual({ category: 'dev-libs', name: 'libpcre2', version: '10.44', cpv: 'dev-libs/libpcre2-10.44', cp: 'dev-libs/libpcre2' });
    expect(splitCpv('sys-process/runit-2.1.2-r1')?.version).toBe('2.1.2-r1');
    expect(splitCpv('dev-python/python-dateutil-2.9.0_p0')?.name).toBe('python-dateutil');
    expect(splitCpv('virtual/libintl-0-r2')?.version).toBe('0-r2');
  });
  it('reads a binary build id only when asked', () => {
    expect(splitCpv('dev-libs/expat-2.6.4-1')).toBeNull();
    expect(splitCpv('dev-libs/expat-2.6.4-1', true)).toMatchObject({ cpv: 'dev-libs/expat-2.6.4', version: '2.6.4', buildId: 1 });
    expect(splitCpv('sys-libs/ncurses-6.0-r1-2', true)).toMatchObject({ version: '6.0-r1', buildId: 2 });
  });
  it('rejects what is not a cpv', () => {
    for (const bad of ['dev-libs/expat', 'expat-1.0', 'a/b/c-1', '/x-1', 'dev-libs/-1.0']) expect(splitCpv(bad), bad).toBeNull();
    expect(cpOf('x')).toBe('x');
    expect(splitCpv('a/foo-1-2')).toBeNull();
  });
  it('explains bad names', () => {
    expect(checkPackageName('foo-1.0')).toMatchObject({ offset: 3 });
    expect(checkPackageName('-foo')).toMatchObject({ offset: 0 });
    expect(checkCategory('dev libs')).toMatchObject({ offset: 3, message: 'a space is not allowed in a category name' });
  });
});
