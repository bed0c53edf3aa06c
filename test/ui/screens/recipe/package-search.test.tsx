// The Packages tab's search while typing (eix-like) and the atoms the tree does not have, at 80x24.
import { afterEach, describe, expect, it } from 'vitest';
import type { Tui } from '../../../helpers/render-tui.js';
import { openRecipe, type RecipeHarness } from './harness.js';

let h: RecipeHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});
const lines = (t: Tui) => t.frame().split('\n');
const doc = () => h!.store.getState().recipe.doc!;

describe('Packages: search the tree while typing', () => {
  it('text typed ahead of the Add atom field, in one read or in several, reaches the field whole', async () => {
    h = await openRecipe({ path: '/data/recipes/demo.json' });
    await h.tui.waitForFrame((f) => f.includes('1 atom for emerge'));
    h.tui.stdin.send('ahel');
    await h.tui.waitForFrame((f) => f.includes('Add atom: hel'));
    await h.tui.press('escape');
    await h.tui.waitForFrame((f) => !f.includes('Add atom:'));
    // Each key its own read, none waiting for the screen: a fast typist over SSH.
    for (const ch of 'ahel') {
      h.tui.stdin.send(ch);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await h.tui.waitForFrame((f) => f.includes('Add atom: hel'));
  });

  it('types hel, sees app-misc/hello with its versions, adds it; app-misc/helo as typed is flagged with the suggestion', async () => {
    h = await openRecipe({ path: '/data/recipes/demo.json' });
    await h.tui.waitForFrame((f) => f.includes('1 atom for emerge; checked against snapshot gentoo/portage:latest'));
    expect(h.tui.frame()).toMatch(/› +dev-lang\/php {2}8\.3\.15/);
    await h.tui.press('a');
    expect(h.tui.frame()).toContain('Search 10 packages of snapshot gentoo/portage:latest by name or description');
    await h.tui.type('hel');
    let l = lines(h.tui);
    const input = l.findIndex((x) => x.startsWith('Add atom: hel'));
    expect(l[input + 2]).toBe('2 packages match; ↑↓ choose, Enter adds the highlighted one');
    expect(l[input + 3]).toBe('› app-misc/hello 2.12.1 **9999');
    expect(l[input + 4]).toBe('    GNU "Hello, world" application');
    expect(l[input + 5]).toBe('  x11-misc/hello 1.0');
    expect(l.at(-1)).toBe('Enter add  ↑↓ choose  Esc cancel  ^U clear');
    await h.tui.press('enter');
    expect(doc().packages).toEqual(['dev-lang/php', 'app-misc/hello']);
    expect(h.tui.frame()).toMatch(/app-misc\/hello {2}2\.12\.1/);
    expect(lines(h.tui).at(-2)).toBe('No problems: s saves, then Pretend (4) shows what emerge would do.');

    // A name that matches nothing: ↑ past the first result chooses the text as typed.
    await h.tui.press('a');
    await h.tui.type('app-misc/helo');
    l = lines(h.tui);
    expect(h.tui.frame()).toContain('Nothing is called that; did you mean one of these? ↑↓ choose, Enter adds');
    expect(l.find((x) => x.startsWith('› '))).toBe('› app-misc/hello 2.12.1 **9999');
    await h.tui.press('up');
    expect(h.tui.frame()).toContain('Nothing is called that; Enter adds app-misc/helo as typed');
    await h.tui.press('enter');
    expect(doc().packages).toEqual(['dev-lang/php', 'app-misc/hello', 'app-misc/helo']);
    l = lines(h.tui);
    expect(l.find((x) => x.includes('app-misc/helo '))).toMatch(/✗ app-misc\/helo {2}no such package; did you mean app-misc\/hello\?/);
    expect(l[1]).toMatch(/✗ 1 problem/);
    expect(l.at(-2)).toBe('packages[2]: app-misc/helo matches no package; did you mean app-misc/hello?');
  });

  it('versions carry eix\'s markers (~ testing, [M] masked); descriptions match after names; an atom keeps its version', async () => {
    h = await openRecipe();
    await h.tui.waitForFrame((f) => f.includes('checked against'));
    await h.tui.press('a');
    await h.tui.type('php');
    expect(h.tui.frame()).toContain('› dev-lang/php 8.2.27 8.3.15 ~8.4.2 [M]~8.5.0_alpha1');
    await h.tui.press('ctrl+u');
    await h.tui.type('location');
    expect(h.tui.frame()).toMatch(/› sys-apps\/which 2\.21\n {4}Prints out location/);
    await h.tui.press('ctrl+u');
    await h.tui.type('=dev-lang/php-8.4.2');
    await h.tui.press('enter');
    expect(doc().packages).toEqual(['dev-lang/php', '=dev-lang/php-8.4.2']);
    const l = lines(h.tui);
    expect(l.find((x) => x.includes('=dev-lang/php-8.4.2'))).toMatch(/✗ =dev-lang\/php-8\.4\.2 {2}only ~8\.4\.2: keywords or masks keep emerge off$/);
    expect(l.at(-2)).toMatch(/^packages\[1\]: =dev-lang\/php-8\.4\.2 matches only versions emerge will not take: de…$/);
    // Editing keeps the atom as it is when Enter is pressed at once; Esc cancels.
    await h.tui.press('G', 'enter');
    expect(h.tui.frame()).toContain('Atom: =dev-lang/php-8.4.2');
    await h.tui.press('escape');
    expect(doc().packages).toEqual(['dev-lang/php', '=dev-lang/php-8.4.2']);
  });

  it('without an index the field is a plain atom prompt that says why', async () => {
    h = await openRecipe({ repoIndex: () => Promise.reject(Object.assign(new Error('image gentoo/portage:latest is not here'), { kind: 'image-not-found' })) });
    await h.tui.waitForFrame((f) => f.includes('not checked against the tree'));
    await h.tui.press('a');
    await h.tui.type('app-misc/helo');
    expect(h.tui.frame()).toContain('No package index, Enter adds the atom as typed: snapshot gentoo/portage:latest …');
    await h.tui.press('enter');
    expect(doc().packages).toEqual(['dev-lang/php', 'app-misc/helo']);
    expect(lines(h.tui).at(-2)).toBe('No problems: s saves, then Pretend (4) shows what emerge would do.');
  });
});
