import { afterEach, describe, expect, it } from 'vitest';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import { treeFlagsFrom } from '../../../../src/engine/repo/flag-catalogue.js';
import type { Tui } from '../../../helpers/render-tui.js';
import { demoRecipe, openRecipe, type RecipeHarness } from './harness.js';

let h: RecipeHarness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});
const lines = (t: Tui) => t.frame().split('\n');
const doc = () => h!.store.getState().recipe.doc!;

describe('Recipe screen', () => {
  it('at 80x24 shows the recipe, its tabs and the keys; Tab and arrows move between tabs', async () => {
    h = await openRecipe({ path: '/data/recipes/demo.json' });
    const l = lines(h.tui);
    expect(l[1]).toBe('Recipe demo saved /data/recipes/demo.json');
    expect(l[2]).toMatch(/^›Packages +USE +package\.use +Keywords +make\.conf +Mode +Image +Binaries ?$/);
    expect(h.tui.frame()).toMatch(/› +dev-lang\/php/);
    expect(l.at(-2)).toBe('No problems: s saves, then Pretend (4) shows what emerge would do.');
    expect(l.at(-1)).toBe('Enter edit  / search  a add  d delete  s save  R rename  ? help  q/^C quit');
    await h.tui.press('right');
    expect(lines(h.tui)[2]).toMatch(/›USE/);
    await h.tui.press('tab', 'tab');
    expect(lines(h.tui)[2]).toMatch(/›Keywords/);
    await h.tui.press('shift+tab', 'left', 'left');
    expect(lines(h.tui)[2]).toMatch(/›Packages/);
  });

  it('Packages: an invalid atom is marked as typed and refused; a valid one is added (modified)', async () => {
    h = await openRecipe({ path: '/data/recipes/demo.json' });
    await h.tui.press('a');
    await h.tui.type('>=net-misc/curl-8.x');
    let l = lines(h.tui);
    const input = l.findIndex((x) => x.startsWith('Add atom: '));
    expect(l[input]).toContain('Add atom: >=net-misc/curl-8.x');
    expect(l[input + 1]).toBe(`${' '.repeat('Add atom: '.length + 16)}^^^`);
    expect(l[input + 2]).toMatch(/^✗ '8\.x' is not a valid version/);
    expect(l.at(-1)).toBe('Enter add  ↑↓ choose  Esc cancel  ^U clear');
    await h.tui.press('enter');
    expect(doc().packages).toEqual(['dev-lang/php']);
    await h.tui.press('backspace', 'backspace');
    await h.tui.type('.11');
    await h.tui.press('enter');
    expect(doc().packages).toEqual(['dev-lang/php', '>=net-misc/curl-8.11']);
    l = lines(h.tui);
    expect(l[1]).toMatch(/^Recipe demo \* modified \/data\/recipes\/demo\.json/);
    expect(h.tui.frame()).toMatch(/>=net-misc\/curl-8\.11/);
    // Edit, then delete.
    await h.tui.press('G', 'enter', 'ctrl+u');
    await h.tui.type('net-misc/hurl');
    await h.tui.press('enter');
    expect(doc().packages).toEqual(['dev-lang/php', 'net-misc/hurl']);
    await h.tui.press('g', 'd');
    expect(doc().packages).toEqual(['net-misc/hurl']);
    await h.tui.press('d');
    expect(h.tui.frame()).toContain('No packages yet: a adds one');
    expect(lines(h.tui).at(-2)).toBe('i Removed net-misc/hurl');
    expect(lines(h.tui).at(-3)).toBe('packages: no packages to build (add at least one atom, e.g. app-misc/hello)');
    expect(lines(h.tui)[1]).toMatch(/✗ 1 problem/);
  });

  it('USE: descriptions from the tree, / searches, Space cycles + − unset, the base profile shown', async () => {
    h = await openRecipe({ withBase: true, recipe: { ...demoRecipe(), makeConf: { ...demoRecipe().makeConf, USE: '-X' } } });
    await h.tui.press('right');
    let frame = await h.tui.waitForFrame((f) => f.includes('6 flags from snapshot gentoo/portage:latest'));
    expect(frame).toMatch(/› \[-\] X +off Add support for X11/);
    expect(frame).toMatch(/ {2}\[ \] ssl +on {2}Add support for SSL\/TLS connections/);
    expect(frame).toMatch(/\[ \] fpm +off dev-lang\/php: Enable the FastCGI Process Manager/);
    await h.tui.press('/');
    await h.tui.type('protocol');
    frame = h.tui.frame();
    expect(frame).toContain('/protocol');
    expect(frame).toContain('1 of 6');
    expect(frame).toMatch(/› \[ \] http2/);
    await h.tui.press('enter', 'space');
    expect(h.tui.frame()).toMatch(/› \[\+\] http2/);
    expect(doc().makeConf.USE).toBe('-X http2');
    await h.tui.press('space');
    expect(doc().makeConf.USE).toBe('-X -http2');
    await h.tui.press('space');
    expect(doc().makeConf.USE).toBe('-X');
    await h.tui.press('escape');
    expect(h.tui.frame()).toContain('› [-] X');
    await h.tui.press('space');
    expect(doc().makeConf).not.toHaveProperty('USE');
    expect(h.store.getState().recipe.dirty).toBe(true);
  });

  it('USE: says where descriptions come from while reading, and when they cannot be read', async () => {
    let fail: (e: Error) => void = () => {};
    h = await openRecipe({ treeFlags: () => new Promise((_r, reject) => (fail = reject)) });
    await h.tui.press('right');
    expect(h.tui.frame()).toContain('Reading flag descriptions from snapshot gentoo/portage:latest…');
    fail(Object.assign(new Error('image gentoo/portage:latest is not here'), { hint: 'pull it on the Base step' }));
    await h.tui.waitForFrame((f) => f.includes('No descriptions: image gentoo/portage:latest is not here (pull it'));
  });

  it('package.use: a package\'s IUSE with descriptions; Space sets flags; an entry left empty is dropped', async () => {
    h = await openRecipe();
    await h.tui.press('tab', 'tab', 'a');
    await h.tui.type('net-misc/curl');
    await h.tui.press('enter');
    let frame = await h.tui.waitForFrame((f) => f.includes('net-misc/curl-8.11.1: 3 flags in IUSE'));
    expect(frame).toMatch(/› \[ \] http2 +on {2}Enable HTTP\/2 support via net-libs\/nghttp2/);
    expect(frame).toMatch(/\[ \] ipv6 +Add support for IP version 6/);
    await h.tui.press('space', 'down', 'space', 'space');
    expect(doc().packageUse).toEqual([{ atom: 'net-misc/curl', flags: ['http2', '-ipv6'] }]);
    await h.tui.press('escape');
    frame = h.tui.frame();
    expect(frame).toMatch(/› net-misc\/curl +http2 -ipv6/);
    // A package not in the tree says so; leaving it without flags drops the entry.
    await h.tui.press('a');
    await h.tui.type('app-misc/nothere');
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('app-misc/nothere is not in snapshot gentoo/portage:latest'));
    await h.tui.press('escape');
    expect(doc().packageUse.map((e) => e.atom)).toEqual(['net-misc/curl']);
    await h.tui.press('d');
    expect(doc().packageUse).toEqual([]);
  });

  it('Keywords: ATOM KEYWORD lines, checked as typed', async () => {
    h = await openRecipe();
    await h.tui.press('tab', 'tab', 'tab', 'a');
    await h.tui.type('dev-libs/openssl-3.4.0 ~amd64');
    expect(h.tui.frame()).toMatch(/✗ .*version/);
    await h.tui.press('home');
    await h.tui.type('=');
    await h.tui.press('enter');
    expect(doc().packageAcceptKeywords).toEqual([{ atom: '=dev-libs/openssl-3.4.0', keywords: ['~amd64'] }]);
    expect(h.tui.frame()).toContain('› =dev-libs/openssl-3.4.0 ~amd64');
  });

  it('make.conf: presets with p, host sizing with r, edit and add variables', async () => {
    h = await openRecipe();
    await h.tui.press('left', 'left', 'left', 'left');
    expect(h.tui.frame()).toContain('r applies: MAKEOPTS="-j4 -l9" --jobs=2 --load-average=9 (host checks)');
    expect(h.tui.frame()).toMatch(/› COMMON_FLAGS +-O2 -pipe {2}\(preset 1\/3\)/);
    await h.tui.press('p');
    expect(doc().makeConf.COMMON_FLAGS).toBe('-march=native -O2 -pipe');
    await h.tui.press('p', 'p');
    expect(doc().makeConf.COMMON_FLAGS).toBe('-O2 -pipe');
    await h.tui.press('r');
    expect(doc().makeConf.MAKEOPTS).toBe('-j4 -l9');
    expect(doc().jobs).toMatchObject({ emerge: 2, loadAverage: 9 });
    await h.tui.press('a');
    await h.tui.type('1BAD=x');
    expect(h.tui.frame()).toContain('✗ write NAME=value');
    await h.tui.press('ctrl+u');
    await h.tui.type('ACCEPT_LICENSE=*');
    await h.tui.press('enter');
    expect(doc().makeConf.ACCEPT_LICENSE).toBe('*');
    // emerge --jobs is checked as a number.
    await h.tui.press('/');
    await h.tui.type('jobs');
    await h.tui.press('enter', 'enter', 'ctrl+u');
    await h.tui.type('0');
    expect(h.tui.frame()).toContain('✗ a whole number from 1 to 256');
    await h.tui.press('ctrl+u');
    await h.tui.type('3');
    await h.tui.press('enter');
    expect(doc().jobs.emerge).toBe(3);
  });

  it('Mode: Space cycles the mode; stage4 options, with the ptrace warning', async () => {
    h = await openRecipe();
    await h.tui.press('left', 'left', 'left');
    await h.tui.press('space');
    expect(doc().mode.kind).toBe('scratch');
    expect(h.tui.frame()).toMatch(/strip docs +yes/);
    await h.tui.press('space');
    expect(doc().mode.kind).toBe('stage4');
    await h.tui.press('G');
    expect(h.tui.frame()).toMatch(/› allow ptrace +no/);
    await h.tui.press('space');
    expect(doc().mode).toMatchObject({ kind: 'stage4', allowPtrace: true });
    expect(h.tui.frame()).toContain('WARNING: the build container gets SYS_PTRACE');
    await h.tui.press('g', 'down', 'enter', 'ctrl+u');
    await h.tui.type('x86 64');
    expect(h.tui.frame()).toMatch(/✗ "x86 64" is not a -march value/);
    await h.tui.press('ctrl+u');
    await h.tui.type('x86-64-v3');
    await h.tui.press('enter');
    expect(doc().mode).toMatchObject({ march: 'x86-64-v3' });
    await h.tui.press('g', 'space', 'down', 'enter');
    await h.tui.type('threads');
    await h.tui.press('enter');
    expect(doc().mode).toEqual({ kind: 'minimal', keepUse: ['threads'], locales: ['C.UTF-8 UTF-8'], removeSystem: [] });
  });

  it('Mode at 80x24: every label and the mode hint (its Space key) read in full', async () => {
    h = await openRecipe();
    await h.tui.press('left', 'left', 'left', 'space');
    const text = h.tui.frame().replace(/\s+/g, ' ');
    for (const label of ['strip static libs', 'strip pkg-config files', 'strip Portage state']) expect(text).toContain(label);
    expect(text).toContain('(FROM scratch) · Space: stage4');
    await h.tui.press('G');
    expect(h.tui.frame().replace(/\s+/g, ' ')).toContain('forced out of the image even though others depend on them');
  });

  it('Image: tags checked as typed; CMD as argv words with quotes', async () => {
    h = await openRecipe();
    await h.tui.press('left', 'left');
    await h.tui.press('enter');
    await h.tui.type('Example/PHP');
    expect(h.tui.frame()).toMatch(/✗ "Example\/PHP" is not a valid image name/);
    await h.tui.press('ctrl+u');
    await h.tui.type('example/php:8.3 example/php:latest');
    await h.tui.press('enter');
    expect(doc().image.tags).toEqual(['example/php:8.3', 'example/php:latest']);
    await h.tui.press('down', 'enter');
    await h.tui.type('php -r "echo 1;"');
    await h.tui.press('enter');
    expect(doc().image.cmd).toEqual(['php', '-r', 'echo 1;']);
    expect(h.tui.frame()).toContain('CMD          php -r "echo 1;"');
    await h.tui.press('enter', 'ctrl+u', 'enter');
    expect(doc().image).not.toHaveProperty('cmd');
  });

  it('s saves: asks for a path the first time (default in the recipes folder), then saves in place', async () => {
    h = await openRecipe({ dirty: true });
    expect(lines(h.tui)[1]).toMatch(/Recipe demo \* modified \(no file yet: s saves\)/);
    await h.tui.press('s');
    expect(h.tui.frame()).toContain('Save as: /data/recipes/demo.json');
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('Saved /data/recipes/demo.json'));
    expect(h.saved.map(([p]) => p)).toEqual(['/data/recipes/demo.json']);
    expect(h.saved[0]![1]).toEqual(doc());
    expect(h.store.getState().recipe).toMatchObject({ path: '/data/recipes/demo.json', dirty: false });
    expect(h.settings.read().recentRecipes).toEqual(['/data/recipes/demo.json']);
    expect(lines(h.tui)[1]).toBe('Recipe demo saved /data/recipes/demo.json');
    await h.tui.press('a');
    await h.tui.type('app-misc/hello');
    await h.tui.press('enter', 's');
    await h.tui.waitForFrame(() => h!.saved.length === 2);
    expect(h.saved[1]![1].packages).toEqual(['dev-lang/php', 'app-misc/hello']);
  });

  it('refuses to save a recipe with problems, and reports a write failure', async () => {
    h = await openRecipe({ recipe: { ...demoRecipe(), packages: [] }, dirty: true });
    await h.tui.press('s');
    expect(h.tui.frame()).toContain('✗ Not saved: 1 problem, first packages: no packages to build');
    expect(h.saved).toEqual([]);
    h.tui.unmount();
    h = await openRecipe({ dirty: true, path: '/readonly/demo.json' });
    await h.tui.press('s');
    await h.tui.waitForFrame((f) => f.includes('Not saved: /readonly/demo.json: EACCES'));
    expect(h.store.getState().recipe.dirty).toBe(true);
  });

  it('opening another recipe with unsaved edits asks first; d discards, then a recent one opens', async () => {
    const other = newRecipe({ name: 'other', base: 'gentoo/stage3:amd64-systemd', packages: ['app-misc/hello'] });
    h = await openRecipe({ dirty: true, path: '/data/recipes/demo.json', settings: { recentRecipes: ['/data/recipes/other.json', '/data/recipes/demo.json'] } });
    h.files.set('/data/recipes/other.json', { ok: true, recipe: other });
    await h.tui.press('o');
    expect(h.tui.frame()).toContain('demo has unsaved edits.');
    expect(lines(h.tui).at(-1)).toMatch(/^s save first {2}d discard edits {2}Esc stay/);
    await h.tui.press('escape');
    expect(h.tui.frame()).not.toContain('unsaved edits');
    expect(doc().name).toBe('demo');
    await h.tui.press('o', 'd');
    expect(h.tui.frame()).toContain('Open a recipe');
    expect(h.tui.frame()).toContain('› /data/recipes/other.json');
    expect(h.tui.frame()).toContain('Type a path…');
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('Recipe other saved'));
    expect(h.store.getState().recipe).toMatchObject({ path: '/data/recipes/other.json', dirty: false, doc: { name: 'other' } });
    expect(h.settings.read().recentRecipes[0]).toBe('/data/recipes/other.json');
  });

  it('the Open panel also lists the recipes folder\'s files (recipe new NAME writes there), after the recent ones', async () => {
    const made = newRecipe({ name: 'made', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] });
    h = await openRecipe({ path: '/data/recipes/demo.json', settings: { recentRecipes: ['/data/recipes/demo.json'] } });
    h.files.set('/data/recipes/demo.json', { ok: true, recipe: doc() });
    h.files.set('/data/recipes/made.json', { ok: true, recipe: made });
    await h.tui.press('o');
    const frame = await h.tui.waitForFrame((f) => f.includes('/data/recipes/made.json'));
    const rows = frame.split('\n').filter((l) => /data\/recipes|Type a path/.test(l)).map((l) => l.trim());
    expect(rows).toEqual(['› /data/recipes/demo.json', '/data/recipes/made.json', 'Type a path…']);
    await h.tui.press('down', 'enter');
    await h.tui.waitForFrame((f) => f.includes('Recipe made'));
    expect(h.store.getState().recipe).toMatchObject({ path: '/data/recipes/made.json', doc: { name: 'made' } });
  });

  it('a typed path that does not load says why and keeps the current recipe', async () => {
    h = await openRecipe({ path: '/data/recipes/demo.json' });
    await h.tui.press('o', 'G', 'enter', 'ctrl+u');
    await h.tui.type('/tmp/missing.json');
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('/tmp/missing.json: (file): /tmp/missing.json does not exist'));
    expect(doc().name).toBe('demo');
  });

  it('Type a path… starts empty: an absolute path is taken as it is, a relative one is in the recipes folder', async () => {
    const other = newRecipe({ name: 'other', base: 'gentoo/stage3:amd64-systemd', packages: ['app-misc/hello'] });
    h = await openRecipe({ path: '/data/recipes/demo.json' });
    h.files.set('/tmp/php.json', { ok: true, recipe: { ...other, name: 'php' } });
    h.files.set('/data/recipes/web/other.json', { ok: true, recipe: other });
    await h.tui.press('o', 'G', 'enter');
    const prompt = lines(h.tui).find((l) => l.startsWith('Open:'))!;
    expect(prompt.trim()).toBe('Open:');
    expect(h.tui.frame()).toContain('absolute, ~/… or relative to /data/recipes');
    await h.tui.type('/tmp/php.json');
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('Opened /tmp/php.json'));
    expect(h.store.getState().recipe).toMatchObject({ path: '/tmp/php.json', doc: { name: 'php' } });
    await h.tui.press('o', 'G', 'enter');
    await h.tui.type('web/other.json');
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('Opened /data/recipes/web/other.json'));
    expect(doc().name).toBe('other');
  });

  it('saving under a new file name while the name is still generated from the base takes the file\'s name', async () => {
    const fresh = newRecipe({ name: 'stage3-amd64-openrc', base: 'gentoo/stage3:amd64-openrc', packages: ['dev-lang/php'] });
    h = await openRecipe({ recipe: fresh, dirty: true });
    await h.tui.press('s', 'ctrl+u');
    await h.tui.type('php.json');
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('Saved /data/recipes/php.json'));
    expect(h.saved.map(([p, r]) => [p, r.name])).toEqual([['/data/recipes/php.json', 'php']]);
    expect(h.store.getState().recipe).toMatchObject({ path: '/data/recipes/php.json', dirty: false, doc: { name: 'php' } });
    expect(lines(h.tui)[1]).toMatch(/^Recipe php saved/);
    // A name the user chose stays whatever the file is called.
    h.tui.unmount();
    h = await openRecipe({ dirty: true });
    await h.tui.press('s', 'ctrl+u');
    await h.tui.type('/tmp/elsewhere.json');
    await h.tui.press('enter');
    await h.tui.waitForFrame(() => h!.saved.length === 1);
    expect(h.saved[0]![0]).toBe('/tmp/elsewhere.json');
    expect(h.saved[0]![1].name).toBe('demo');
  });

  it('R renames the recipe (listed in the footer and help); the edit is unsaved until s', async () => {
    h = await openRecipe({ path: '/data/recipes/demo.json' });
    expect(lines(h.tui).at(-1)).toContain('R rename');
    await h.tui.press('R');
    expect(h.tui.frame()).toContain('Name: demo');
    await h.tui.press('ctrl+u');
    await h.tui.type('bad name');
    await h.tui.press('enter');
    expect(h.tui.frame()).toContain('use letters, digits, . _ - only');
    await h.tui.press('ctrl+u');
    await h.tui.type('web');
    await h.tui.press('enter');
    expect(h.store.getState().recipe).toMatchObject({ dirty: true, doc: { name: 'web' } });
    expect(lines(h.tui)[1]).toMatch(/^Recipe web \* modified/);
    expect(h.tui.frame()).toContain('Renamed the recipe to web; s saves it');
    await h.tui.press('?');
    expect(h.tui.frame()).toContain('rename the recipe');
  });

  it('at start reopens the last recipe and says which; a last recipe that is gone opens none and says so', async () => {
    const php = newRecipe({ name: 'php', base: 'gentoo/stage3:amd64-openrc', packages: ['dev-lang/php'] });
    h = await openRecipe({ recipe: null, start: true, settings: { lastRecipe: '/tmp/php.json' }, files: { '/tmp/php.json': { ok: true, recipe: php } } });
    const frame = await h.tui.waitForFrame((f) => f.includes('Reopened'));
    expect(frame.replace(/\n */g, ' ')).toContain('Reopened the last recipe, php (/tmp/php.json)');
    expect(lines(h.tui)[1]).toBe('Recipe php saved /tmp/php.json');
    expect(h.store.getState().recipe).toMatchObject({ path: '/tmp/php.json', dirty: false });
    h.tui.unmount();
    h = await openRecipe({ recipe: null, start: true, settings: { lastRecipe: '/tmp/gone.json' } });
    const gone = await h.tui.waitForFrame((f) => f.includes('did not open'));
    expect(gone.replace(/\n */g, ' ')).toContain('The last recipe did not open, so none is open: (file): /tmp/gone.json does not exist');
    expect(gone).toContain('No recipe is open.');
    expect(h.store.getState().recipe.doc).toBeNull();
  });

  it('a long path gives way to the name and state in the header', async () => {
    const long = `/home/someone/${'very-long-folder-name/'.repeat(4)}demo.json`;
    h = await openRecipe({ path: long, dirty: true });
    const line = lines(h.tui)[1]!;
    expect(line).toMatch(/^Recipe demo \* modified …/);
    expect(line.endsWith('very-long-folder-name/demo.json')).toBe(true);
  });

  it('without a recipe says how to get one', async () => {
    h = await openRecipe({ recipe: null });
    expect(h.tui.frame()).toContain('No recipe is open.');
    expect(lines(h.tui).at(-1)).toMatch(/^o open/);
  });

  it('fits 200x50 in mono with a large flag list', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => `flag${i} - Description of flag number ${i}`).join('\n');
    h = await openRecipe({ columns: 200, rows: 50, theme: 'mono', treeFlags: treeFlagsFrom('snapshot big', many, null) });
    await h.tui.press('right');
    await h.tui.waitForFrame((f) => f.includes('2000 flags from snapshot big'));
    await h.tui.press('/');
    await h.tui.type('1999');
    expect(h.tui.frame()).toContain('1 of 2000');
    expect(h.tui.frame()).toMatch(/› \[ \] flag1999 +Description of flag number 1999/);
  });
});
