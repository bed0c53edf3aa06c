import { EngineError } from '../../../../src/engine/docker/errors.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Tui } from '../../../helpers/render-tui.js';
import { pretendReport } from '../../../../src/commands/pretend-report.js';
import { openPretend, recipeFor, runOf, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

/** A table row (the step bar and the status line are skipped). */
const rowOf = (frame: string, text: string) => frame.split('\n').slice(2).find((l) => l.includes(text)) ?? '';
const flat = (text: string) => text.replace(/\s+/g, ' ');
const selectedRow = (t: Tui) => t.frame().split('\n').find((l) => l.startsWith('› ')) ?? '';

describe('Pretend screen', () => {
  it.each([
    [80, 24],
    [200, 50],
  ])('at %ix%i shows the merge list of 01 as a table with the verdict and the footer', async (columns, rows) => {
    h = await openPretend({ recipe: recipeFor(['dev-lang/php']), answer: () => '01-pretend-verbose-php', columns, rows });
    const frame = await h.tui.waitForFrame((f) => f.includes('Portage accepts the list'));
    expect(frame).toContain('Portage accepts the list: 6 packages to merge · 1.2 s, exit 0');
    expect(frame).toMatch(/ {2}ST +PACKAGE +VERSION +USE CHANGES +SIZE/);
    for (const atom of ['dev-libs/oniguruma', 'dev-db/sqlite', 'dev-libs/libpcre2', 'dev-libs/libxml2', 'dev-libs/libzip', 'dev-lang/php']) expect(frame).toContain(atom);
    expect(rowOf(frame, 'dev-lang/php')).toMatch(/^ {2}N +dev-lang\/php +8\.3\.15 +0 KiB$/);
    expect(selectedRow(h.tui)).toContain('dev-libs/oniguruma');
    expect(frame).toContain('  Total: 6 packages (6 new), downloads 0 KiB\n');
    expect(frame).not.toContain('Problems (');
    // Nothing but the table: Tab has no other pane to go to, so the footer does not offer it.
    expect(frame.split('\n').at(-1)).toMatch(/^Enter open +\/ search +a apply +r re-run +\] next step/);
    expect(frame.split('\n').at(-1)).not.toContain('Tab');
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]?.tree).toBe(false);
  });

  it('moves with j/k, G/g and PgDn, keeping the selection in view', async () => {
    h = await openPretend({ recipe: recipeFor(['dev-lang/php']), answer: () => '01-pretend-verbose-php' });
    await h.tui.waitForFrame((f) => f.includes('Portage accepts'));
    await h.tui.press('j', 'j');
    expect(selectedRow(h.tui)).toContain('dev-libs/libpcre2');
    await h.tui.press('G');
    expect(selectedRow(h.tui)).toContain('dev-lang/php');
    await h.tui.press('k');
    expect(selectedRow(h.tui)).toContain('dev-libs/libzip');
    await h.tui.press('g');
    expect(selectedRow(h.tui)).toContain('dev-libs/oniguruma');
    await h.tui.press('pagedown');
    expect(selectedRow(h.tui)).toContain('dev-lang/php');
  });

  it('Enter shows a package in full: every USE flag with what its marks mean, and Portage\'s line (14)', async () => {
    h = await openPretend({ answer: () => '14-use-change-needed' });
    await h.tui.waitForFrame((f) => f.includes('configuration change'));
    expect(rowOf(h.tui.frame(), 'net-misc/curl')).toMatch(/R +net-misc\/curl +8\.11\.1 +\+http2 \+websockets% +0 KiB/);
    await h.tui.press('j', 'enter');
    let frame = h.tui.frame();
    expect(frame).toContain('net-misc/curl-8.11.1::gentoo   [ebuild   R    ]');
    expect(frame).toContain('reinstall');
    expect(frame).toContain('USE flags (* changed, % new in IUSE, () forced or masked by the profile):');
    expect(frame).toMatch(/http2\* +on, changed \(\*\)$/m);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      h.tui.frame().split('\n').forEach((l) => seen.add(l.trim()));
      await h.tui.press('down');
    }
    const all = [...seen].join('\n');
    expect(all).toMatch(/websockets%\* +on, changed \(\*\), new in IUSE \(%\)$/m);
    expect(all).toMatch(/\(-http3\) +off, masked by the profile \(\)/);
    expect(all).toMatch(/CURL_SSL: -gnutls +off/);
    expect(all).toContain("Portage's line:");
    expect(all).toContain('[ebuild   R    ] net-misc/curl-8.11.1::gentoo  USE="adns');
    await h.tui.press('escape');
    frame = h.tui.frame();
    expect(frame).not.toContain('USE flags (*');
    expect(selectedRow(h.tui)).toContain('net-misc/curl');
  });

  it('/ searches the list (atoms and flags), n and N move between matches', async () => {
    h = await openPretend({ recipe: recipeFor(['dev-lang/php']), answer: () => '01-pretend-verbose-php' });
    await h.tui.waitForFrame((f) => f.includes('Portage accepts'));
    await h.tui.press('/');
    await h.tui.type('readline');
    const frame = h.tui.frame();
    expect(frame).toContain('/readline');
    expect(frame).toContain('4 matches');
    await h.tui.press('enter');
    expect(selectedRow(h.tui)).toContain('dev-db/sqlite');
    expect(h.tui.frame()).toContain('4 matches (n/N next/prev');
    await h.tui.press('n');
    expect(selectedRow(h.tui)).toContain('dev-libs/libpcre2');
    await h.tui.press('n', 'n');
    expect(selectedRow(h.tui)).toContain('dev-lang/php');
    await h.tui.press('n');
    expect(selectedRow(h.tui)).toContain('dev-db/sqlite');
    await h.tui.press('N');
    expect(selectedRow(h.tui)).toContain('dev-lang/php');
    // Rows that match but are not selected carry a mark; j and q inside the prompt are text.
    expect(rowOf(h.tui.frame(), 'dev-libs/libxml2')).toMatch(/^\* /);
    await h.tui.press('/');
    await h.tui.type('zzq');
    expect(h.tui.frame()).toContain('/zzq');
    expect(h.tui.frame()).toContain('no match');
    await h.tui.press('escape');
    expect(h.tui.frame()).not.toContain('/zzq');
  });

  it('a hard blocker is explained in words in the problems panel (16)', async () => {
    h = await openPretend({ recipe: recipeFor(['dev-libs/libressl']), answer: () => '16-blocker-hard' });
    const frame = await h.tui.waitForFrame((f) => f.includes('Portage refuses'));
    expect(frame).toContain('Portage refuses: dev-libs/libressl blocks dev-libs/openssl: both cannot be');
    expect(rowOf(frame, 'dev-libs/openssl')).toMatch(/B +dev-libs\/openssl +blocked by dev-libs\/libressl-4\.0\.0/);
    expect(frame).toContain('Problems (1)');
    expect(frame).toContain('Total: 1 package (1 new), downloads 0 KiB · Conflict: 1 block (1 unsatisfied)');
    expect(frame).toContain('✗ dev-libs/libressl blocks dev-libs/openssl');
    const text = frame.replace(/\s+/g, ' ');
    expect(text).toContain('dev-libs/libressl-4.0.0 cannot be installed on the same system as dev-libs/openssl (a hard block');
    expect(text).toContain('What to do: both cannot be installed; remove one of them from the recipe.');
  });

  it('a slot conflict (17) and a missing package with Portage\'s own lines (18) are explained', async () => {
    h = await openPretend({ recipe: recipeFor(['app-misc/oldtool', 'app-misc/newtool']), answer: () => '17-slot-conflict' });
    let frame = await h.tui.waitForFrame((f) => f.includes('Portage refuses'));
    expect(frame).toContain('✗ Slot conflict: dev-libs/icu:0');
    await h.tui.press('tab');
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      h.tui.frame().split('\n').forEach((l) => seen.add(l));
      await h.tui.press('down');
    }
    const text = [...seen].join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('app-misc/newtool-2.0 needs >=dev-libs/icu-76:= (dev-libs/icu-76.1)');
    expect(text).toContain('remove one of app-misc/newtool and app-misc/oldtool from the recipe');
    h.tui.unmount();

    h = await openPretend({ recipe: recipeFor(['app-misc/doesnotexist']), answer: () => '18-no-ebuilds' });
    frame = await h.tui.waitForFrame((f) => f.includes('Portage refuses'));
    expect(frame).toContain('No merge list: see the problems below.');
    expect(frame).toContain('✗ No package matches app-misc/doesnotexist');
    expect(flat(frame)).toContain('Did you mean app-misc/brokendep, app-misc/newtool and app-misc/hello?');
    expect(frame).toContain('Portage said:');
    expect(frame).toContain('emerge: there are no ebuilds to satisfy "app-misc/doesnotexist".');
  });

  it('a applies Portage\'s USE change (14) into the recipe file, and the re-run passes', async () => {
    h = await openPretend({ answer: (r) => (r.recipe.packageUse.length > 0 ? '01-pretend-verbose-php' : '14-use-change-needed') });
    const frame = await h.tui.waitForFrame((f) => f.includes('configuration change'));
    expect(frame).toContain('Changes Portage asks for (1)');
    expect(frame).toContain('package.use: >=net-misc/curl-8.11.1 http2');
    expect(frame).toContain('required by net-misc/hurl-5.0.1::gentoo ← net-misc/hurl (argument)');
    await h.tui.press('a');
    await h.tui.waitForFrame((f) => f.includes('Portage accepts the list'));
    expect(h.save).toHaveBeenCalledTimes(1);
    const [path, saved] = h.save.mock.calls[0] as [string, { packageUse: unknown }];
    expect(path).toBe('/recipes/demo.json');
    expect(saved.packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    expect(h.store.getState().recipe.dirty).toBe(false);
    expect(h.store.getState().recipe.doc?.packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    expect(h.requests).toHaveLength(2);
    expect(h.requests[1]?.recipe.packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    expect(h.tui.frame()).toContain('Wrote 1 change into demo.json; checking again.');
  });

  it('applying to a recipe without a file marks it unsaved and says so; a failing save says why (11)', async () => {
    h = await openPretend({ path: null, recipe: recipeFor(['=dev-libs/openssl-3.4.0']), answer: () => '11-keyword-autounmask' });
    let frame = await h.tui.waitForFrame((f) => f.includes('configuration change'));
    expect(rowOf(frame, 'dev-libs/openssl')).toMatch(/U~ +dev-libs\/openssl +3\.3\.2-r2→3\.4\.0/);
    expect(frame).toContain('package.accept_keywords: =dev-libs/openssl-3.4.0 ~amd64');
    await h.tui.press('a');
    frame = await h.tui.waitForFrame((f) => f.includes('unsaved'));
    expect(frame).toContain('Applied 1 change; unsaved: the recipe has no file yet (save it on step 3).');
    await h.tui.waitForFrame(() => h!.requests.length === 2);
    expect(h.requests[1]?.recipe.packageAcceptKeywords).toEqual([{ atom: '=dev-libs/openssl-3.4.0', keywords: ['~amd64'] }]);
    expect(h.save).not.toHaveBeenCalled();
    expect(h.store.getState().recipe.dirty).toBe(true);
    expect(h.store.getState().recipe.doc?.packageAcceptKeywords).toEqual([{ atom: '=dev-libs/openssl-3.4.0', keywords: ['~amd64'] }]);
    h.tui.unmount();

    h = await openPretend({ saveFails: true, recipe: recipeFor(['=dev-libs/openssl-3.4.0']), answer: () => '11-keyword-autounmask' });
    await h.tui.waitForFrame((f) => f.includes('configuration change'));
    await h.tui.press('a');
    frame = await h.tui.waitForFrame((f) => f.includes('Not saved'));
    expect(frame.replace(/\n */g, ' ')).toContain('Not saved: EACCES: permission denied (1 change applied, recipe marked unsaved)');
    expect(h.store.getState().recipe.dirty).toBe(true);
  });

  it('stays live while emerge runs: elapsed time, output so far, Esc cancels, r runs again', async () => {
    h = await openPretend({ answer: () => 'pending' });
    await h.tui.waitForFrame((f) => f.includes('Running emerge --pretend… 0 s · Esc cancels · in gentoo/stage3:amd64-openrc'));
    expect(flat(h.tui.frame())).toContain('emerge --pretend --autounmask=y --autounmask-write=n --verbose --jobs=1 --keep-going --usepkg --buildpkg --color=n net-misc/hurl');
    h.pending[0]!.print('\nThese are the packages that would be merged, in order:\n\nCalculating dependencies  ');
    let frame = await h.tui.waitForFrame((f) => f.includes('Calculating dependencies'));
    expect(frame).toContain('These are the packages that would be merged, in order:');
    expect(frame.split('\n').at(-1)).toMatch(/^Esc\/h cancel +r re-run/);
    await h.tui.waitForFrame((f) => f.includes('Running emerge --pretend… 1 s'), 2500);
    await h.tui.press('escape');
    frame = h.tui.frame();
    expect(h.pending[0]!.request.signal.aborted).toBe(true);
    expect(frame).toContain('Cancelled: the container was removed. r runs pretend again.');
    await h.tui.press('r');
    expect(h.pending).toHaveLength(2);
    h.pending[1]!.finish(runOf('14-use-change-needed', recipeFor(['net-misc/hurl'])));
    await h.tui.waitForFrame((f) => f.includes('configuration change'));
  });

  it('leaving the step cancels a run; coming back shows the last result without running again', async () => {
    h = await openPretend({ answer: (r) => (r.tree ? '02-pretend-tree-php' : 'pending') });
    await h.tui.waitForFrame((f) => f.includes('Running emerge --pretend'));
    await h.tui.press('3');
    expect(h.pending[0]!.request.signal.aborted).toBe(true);
    await h.tui.press('4');
    await h.tui.waitForFrame((f) => f.includes('Running emerge --pretend'));
    h.pending[1]!.finish(runOf('01-pretend-verbose-php', recipeFor(['net-misc/hurl'])));
    await h.tui.waitForFrame((f) => f.includes('Portage accepts'));
    await h.tui.press('5', '4');
    expect(h.tui.frame()).toContain('Portage accepts the list: 6 packages');
    expect(h.requests).toHaveLength(2);
    // t asks for the dependency tree: one more run, with --tree.
    await h.tui.press('t');
    await h.tui.waitForFrame((f) => f.includes('Portage accepts') && h!.requests.length === 3);
    expect(h.requests[2]?.tree).toBe(true);
  });

  it('a pretend that cannot run shows its whole error and fix, wrapped at 80 columns, not cut', async () => {
    h = await openPretend({ answer: () => 'pending' });
    await h.tui.waitForFrame((f) => f.includes('Running emerge --pretend'));
    const message = "cannot plan the build to pretend: Gentoo's official binhost needs the base's profile version, and test/amd64 names none";
    h.pending[0]!.fail(new EngineError('bad-request', message, 'fix the recipe (gentoo-wb recipe validate) or choose another base whose profile names an architecture and a version'));
    const frame = await h.tui.waitForFrame((f) => f.includes('No result yet'));
    const text = frame.replace(/\s+/g, ' ');
    expect(text).toContain(message);
    expect(text).toContain('How to fix it: fix the recipe (gentoo-wb recipe validate) or choose another base whose profile names an architecture and a version');
  });

  it('without an engine or a recipe it says so and how to fix it', async () => {
    h = await openPretend({ engine: { status: 'failed', message: 'connect ENOENT /var/run/docker.sock', hint: 'start the Docker service (rc-service docker start)' }, answer: () => '01-pretend-verbose-php' });
    let frame = h.tui.frame();
    expect(frame).toContain('No container engine: connect ENOENT /var/run/docker.sock');
    expect(frame).toContain('How to fix it: start the Docker service (rc-service docker start)');
    expect(h.requests).toHaveLength(0);
    h.tui.unmount();
    h = await openPretend({ recipe: null, answer: () => '01-pretend-verbose-php' });
    frame = h.tui.frame();
    expect(frame).toContain('No recipe is open.');
    expect(h.requests).toHaveLength(0);
  });

  it('scratch mode: a ROOT column says where each package goes (05: every package to /destination)', async () => {
    h = await openPretend({ recipe: recipeFor(['net-misc/curl']), answer: () => '05-pretend-root-destination' });
    const frame = await h.tui.waitForFrame((f) => f.includes('Portage accepts'));
    expect(frame).toMatch(/ {2}ST +PACKAGE +VERSION +ROOT +USE CHANGES +SIZE/);
    expect(rowOf(frame, 'sys-libs/zlib')).toMatch(/N +sys-libs\/zlib +1\.3\.1-r1 +\/destination +0 KiB$/);
    expect(rowOf(frame, 'net-misc/curl')).toContain('/destination');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('the totals are the ones `gentoo-wb pretend` prints, said once with their unit (35: four Total lines in the output)', async () => {
    h = await openPretend({ answer: () => '35-buildpkg-then-usepkg' });
    const frame = await h.tui.waitForFrame((f) => f.includes('Total: '));
    const report = pretendReport(runOf('35-buildpkg-then-usepkg', recipeFor(['net-misc/hurl'])), recipeFor(['net-misc/hurl']));
    const reported = report.split('\n').filter((l) => l.startsWith('Total: '));
    expect(reported).toEqual(['Total: 1 package (1 new, 1 binary), downloads 0 KiB']);
    expect(frame).toContain(`  ${reported[0]}\n`);
    expect(frame.match(/Total: /g)).toHaveLength(1);
  });

  it('Tab is offered when there is another pane: the changes under the table (14)', async () => {
    h = await openPretend({ answer: () => '14-use-change-needed' });
    const frame = await h.tui.waitForFrame((f) => f.includes('configuration change'));
    expect(frame.split('\n').at(-1)).toMatch(/a apply +r re-run +Tab pane/);
  });

  it('a with other unsaved edits writes only Portage\'s lines into the file and says the edits stay unsaved (14)', async () => {
    h = await openPretend({ answer: (r) => (r.recipe.packageUse.length > 0 ? '01-pretend-verbose-php' : '14-use-change-needed') });
    await h.tui.waitForFrame((f) => f.includes('configuration change'));
    const doc = h.store.getState().recipe.doc!;
    h.store.setRecipe({ ...doc, packages: [...doc.packages, 'app-misc/unsaved-edit'] });
    await h.tui.waitForFrame(() => h!.requests.length === 2);
    await h.tui.waitForFrame((f) => f.includes('configuration change'));
    await h.tui.press('a');
    const frame = await h.tui.waitForFrame((f) => f.includes('Wrote'));
    expect(flat(frame)).toContain('Wrote 1 change into demo.json; your other edits stay unsaved.');
    expect(h.save).toHaveBeenCalledTimes(1);
    const [, saved] = h.save.mock.calls[0] as [string, { packages: string[]; packageUse: unknown }];
    expect(saved.packages).toEqual(['net-misc/hurl']);
    expect(saved.packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    const state = h.store.getState().recipe;
    expect(state.dirty).toBe(true);
    expect(state.doc?.packages).toEqual(['net-misc/hurl', 'app-misc/unsaved-edit']);
    expect(state.doc?.packageUse).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
  });
});
