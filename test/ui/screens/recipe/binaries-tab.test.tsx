// The Recipe screen's Binaries tab at 80x24, keyboard only: add, edit and remove binhosts, the
// onMissing switch and the local cache; x86-64-v3 offered only when the host checks saw the CPU run it.
import { afterEach, describe, expect, it } from 'vitest';
import { openRecipe, type RecipeHarness } from './harness.js';

let h: RecipeHarness | null = null;
afterEach(() => {
  h?.tui.unmount();
  h = null;
});

const doc = (x: RecipeHarness) => x.store.getState().recipe.doc!;

/** Open the Binaries tab (the last one: Shift-Tab from the first). */
async function binaries(cpuV3: boolean | null): Promise<RecipeHarness> {
  const x = await openRecipe();
  x.store.update((s) => ({ ...s, cpuV3 }));
  await x.tui.press('shift+tab');
  return x;
}

describe('Binaries tab', () => {
  it('fits 80x24 with eight tabs, lists none at first, and adds Gentoo\'s binhost and a URL', async () => {
    h = await binaries(true);
    const frame = h.tui.frame();
    expect(frame).toContain('Binaries');
    for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/› binhosts +none: every package compiles \(a adds one\)\n +if missing +\[compile\] fail\n +local cache +yes\n/);
    expect(frame).toContain('CPU: x86-64-v3 (host checks): gentoo-v3 offered');
    await h.tui.press('a');
    await h.tui.type('gentoo-v3');
    await h.tui.press('enter');
    expect(doc(h).binaries.hosts).toEqual([{ kind: 'gentoo', variant: 'x86-64-v3' }]);
    await h.tui.press('a');
    await h.tui.type('ftp://mirror/x');
    expect(h.tui.frame()).toContain('uses ftp://; only http:// and https:// binhosts are supported');
    await h.tui.press('enter');
    expect(doc(h).binaries.hosts).toHaveLength(1);
    await h.tui.press('ctrl+u');
    await h.tui.type('http://binhost.lan:8080/amd64/');
    await h.tui.press('enter');
    expect(doc(h).binaries.hosts).toEqual([{ kind: 'gentoo', variant: 'x86-64-v3' }, { kind: 'url', url: 'http://binhost.lan:8080/amd64/' }]);
    expect(h.tui.frame()).toMatch(/binhost 1 +gentoo-v3 {2}Gentoo's official binhost \(x86-64-v3, signed\)/);
    expect(h.tui.frame()).toMatch(/binhost 2 +http:\/\/binhost\.lan:8080\/amd64\/ {2}binhost http/);
  });

  it('does not offer x86-64-v3 when the host checks did not see the CPU run it', async () => {
    h = await binaries(false);
    expect(h.tui.frame()).toContain('CPU: not x86-64-v3 (host checks): gentoo only');
    await h.tui.press('a');
    await h.tui.type('gentoo-v3');
    expect(h.tui.frame()).toContain("the engine's CPU does not run x86-64-v3 code");
    await h.tui.press('enter');
    expect(doc(h).binaries.hosts).toEqual([]);
    await h.tui.press('ctrl+u');
    await h.tui.type('gentoo');
    await h.tui.press('enter');
    expect(doc(h).binaries.hosts).toEqual([{ kind: 'gentoo', variant: 'x86-64' }]);
  });

  it('switches onMissing and the local cache with Space, edits with Enter and removes with d', async () => {
    h = await binaries(null);
    expect(h.tui.frame()).toContain('CPU level unknown');
    await h.tui.press('a');
    await h.tui.type('lan');
    await h.tui.press('enter');
    expect(doc(h).binaries.hosts).toEqual([{ kind: 'served', name: 'lan' }]);
    // Rows: binhost 1, if missing, local cache.
    await h.tui.press('down', 'space');
    expect(doc(h).binaries.onMissing).toBe('fail');
    expect(h.tui.frame()).toContain('compile [fail]');
    await h.tui.press('down', 'space');
    expect(doc(h).caches.binpkgs).toBe(false);
    await h.tui.press('up', 'up', 'enter', 'ctrl+u');
    await h.tui.type('other');
    await h.tui.press('enter');
    expect(doc(h).binaries.hosts).toEqual([{ kind: 'served', name: 'other' }]);
    await h.tui.press('d');
    expect(doc(h).binaries.hosts).toEqual([]);
    expect(h.store.getState().recipe.dirty).toBe(true);
  });
});
