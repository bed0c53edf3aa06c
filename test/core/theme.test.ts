import { describe, expect, it } from 'vitest';
import { chooseGlyphs } from '../../src/core/glyphs.js';
import { chooseTheme } from '../../src/core/theme.js';
import { loadTheme } from '../../src/engine/theme-files.js';

describe('chooseTheme', () => {
  it('NO_COLOR with any value, even empty, forces mono over --theme and settings', () => {
    expect(chooseTheme({ NO_COLOR: '' }, 'light', 'high-contrast')).toEqual({ name: 'mono', reason: 'NO_COLOR' });
    expect(chooseTheme({ NO_COLOR: '0' }, 'light')).toEqual({ name: 'mono', reason: 'NO_COLOR' });
  });
  it('TERM=dumb forces mono', () => {
    expect(chooseTheme({ TERM: 'dumb' }, 'light').name).toBe('mono');
  });
  it('then the flag, then settings, then default', () => {
    expect(chooseTheme({ TERM: 'xterm' }, 'light', 'mono')).toEqual({ name: 'light', reason: 'flag' });
    expect(chooseTheme({}, undefined, 'high-contrast')).toEqual({ name: 'high-contrast', reason: 'settings' });
    expect(chooseTheme({})).toEqual({ name: 'default', reason: 'default' });
  });
});

describe('theme files', () => {
  it('ships default, light, mono and high-contrast, all valid', () => {
    // An unknown name's message lists every shipped theme.
    const shipped = /available: ([^)]*)\)/.exec(loadTheme('neon').problem ?? '')?.[1]?.split(', ') ?? [];
    expect(shipped).toEqual(expect.arrayContaining(['default', 'light', 'mono', 'high-contrast']));
    for (const name of shipped) expect(loadTheme(name).problem, name).toBeUndefined();
  });
  it('an unknown theme falls back to mono and says so', () => {
    const loaded = loadTheme('neon');
    expect(loaded.theme.name).toBe('mono');
    expect(loaded.problem).toMatch(/unknown theme "neon".*default/);
  });
});

describe('chooseGlyphs', () => {
  it('uses › only with a UTF-8 locale', () => {
    expect(chooseGlyphs({ LANG: 'en_US.UTF-8' }).focus).toBe('›');
    expect(chooseGlyphs({ LANG: 'C' }).focus).toBe('>');
    expect(chooseGlyphs({ LC_ALL: 'de_DE.utf8', TERM: 'linux' }).focus).toBe('>');
  });
});
