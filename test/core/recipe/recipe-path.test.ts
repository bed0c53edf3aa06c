import { describe, expect, it } from 'vitest';
import { displayDir, nameFromFile, resolveRecipePath } from '../../../src/core/recipe/recipe-path.js';

describe('recipe paths', () => {
  const dir = '/home/u/.local/share/gentoo-wb/recipes';
  it('takes an absolute path as it is, ~ from home, anything else in the recipes folder', () => {
    expect(resolveRecipePath('/tmp/php.json', dir, '/home/u')).toBe('/tmp/php.json');
    expect(resolveRecipePath(' ~/r/php.json ', dir, '/home/u')).toBe('/home/u/r/php.json');
    expect(resolveRecipePath('php.json', dir, '/home/u')).toBe(`${dir}/php.json`);
    expect(resolveRecipePath('web/php.json', dir, '/home/u')).toBe(`${dir}/web/php.json`);
  });
  it('writes the home folder as ~', () => {
    expect(displayDir(dir, '/home/u')).toBe('~/.local/share/gentoo-wb/recipes');
    expect(displayDir('/home/user2/x', '/home/u')).toBe('/home/user2/x');
  });
  it('suggests a name from the file name', () => {
    expect(nameFromFile('/tmp/php.json')).toBe('php');
    expect(nameFromFile('/tmp/my web.json')).toBe('my-web');
    expect(nameFromFile('/tmp/.json')).toBeNull();
  });
});
