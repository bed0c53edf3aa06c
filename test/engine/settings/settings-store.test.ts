import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettings } from '../../../src/engine/settings/settings-store.js';

function tempConfigHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'gwb-settings-'));
}

describe('settings store', () => {
  it('lives in $XDG_CONFIG_HOME/gentoo-wb/config.json and remembers the theme', () => {
    const home = tempConfigHome();
    const store = openSettings({ XDG_CONFIG_HOME: home });
    expect(store.path).toBe(path.join(home, 'gentoo-wb', 'config.json'));
    store.update((s) => ({ ...s, theme: 'light' }));
    expect(openSettings({ XDG_CONFIG_HOME: home }).read().theme).toBe('light');
  });

  it('moves a corrupt file aside with a notice and keeps its bytes', () => {
    const home = tempConfigHome();
    const dir = path.join(home, 'gentoo-wb');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'config.json'), '{"theme": "light",');
    const store = openSettings({ XDG_CONFIG_HOME: home }, undefined, new Date('2026-11-23T10:00:00Z'));
    expect(store.notice).toMatch(/unreadable.*moved to .*config\.json\.corrupt-2026-11-23T10-00-00-000Z/);
    expect(store.read().theme).toBeUndefined();
    const aside = readdirSync(dir).find((f) => f.startsWith('config.json.corrupt-'));
    expect(readFileSync(path.join(dir, aside!), 'utf8')).toBe('{"theme": "light",');
    store.update((s) => ({ ...s, theme: 'mono' }));
    expect(openSettings({ XDG_CONFIG_HOME: home }).notice).toBeUndefined();
  });

  it('treats a well-formed file with wrong types as corrupt too', () => {
    const home = tempConfigHome();
    mkdirSync(path.join(home, 'gentoo-wb'), { recursive: true });
    writeFileSync(path.join(home, 'gentoo-wb', 'config.json'), JSON.stringify({ recentRecipes: 'oops' }));
    const store = openSettings({ XDG_CONFIG_HOME: home });
    expect(store.notice).toMatch(/recentRecipes/);
    expect(store.read().recentRecipes).toEqual([]);
  });

  it('keeps keys it does not know (written by a newer version)', () => {
    const home = tempConfigHome();
    mkdirSync(path.join(home, 'gentoo-wb'), { recursive: true });
    writeFileSync(path.join(home, 'gentoo-wb', 'config.json'), JSON.stringify({ futureKey: 42 }));
    const store = openSettings({ XDG_CONFIG_HOME: home });
    store.update((s) => ({ ...s, theme: 'light' }));
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({ futureKey: 42, theme: 'light' });
  });

  it('reads a file an older version wrote, with preferences this version dropped, and keeps them', () => {
    const home = tempConfigHome();
    mkdirSync(path.join(home, 'gentoo-wb'), { recursive: true });
    const old = { theme: 'mono', preferences: { animation: false, confirmQuitDuringBuild: false, problemsOnly: true } };
    writeFileSync(path.join(home, 'gentoo-wb', 'config.json'), JSON.stringify(old));
    const store = openSettings({ XDG_CONFIG_HOME: home });
    expect(store.read().preferences.animation).toBe(false);
    expect(store.read().theme).toBe('mono');
    store.update((s) => ({ ...s, theme: 'light' }));
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({ theme: 'light', preferences: old.preferences });
    expect(readdirSync(path.join(home, 'gentoo-wb'))).toEqual(['config.json']);
  });
});
