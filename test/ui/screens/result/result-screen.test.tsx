// The Result screen at 80x24 (and 200x50): every tab, sort and filter, drill-down, the diff targets,
// tag and export prompts with progress and cancel, the image picker, and a 100,000-file tree that
// stays responsive.
import { afterEach, describe, expect, it } from 'vitest';
import { settle, type Tui } from '../../../helpers/render-tui.js';
import { hugeImage, OTHER_ID, PREV_ID, previousImage, WEB_ID, webImage } from './fixtures.js';
import { openResult, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});

const lines = (t: Tui) => t.frame().split('\n');
const selected = (t: Tui) => lines(t).find((l) => /^[›>] /.test(l)) ?? '';
const footer = (t: Tui) => lines(t).at(-1) ?? '';
const flat = (text: string) => text.replace(/\s+/g, ' ');
const images = () => ({ [WEB_ID]: webImage(), [PREV_ID]: previousImage() });

async function open(options: Partial<Parameters<typeof openResult>[0]> = {}): Promise<Harness> {
  h = await openResult({ images: images(), previous: { [WEB_ID]: PREV_ID }, lastImage: WEB_ID, ...options });
  return h;
}

/** Wait for a frame, then let effects (key registrations) settle before the next key. */
async function waitFor(t: Tui, text: string): Promise<string> {
  const frame = await t.waitForFrame((f) => f.includes(text));
  await settle();
  return frame;
}

describe('Result screen: Summary', () => {
  it.each([
    [80, 24],
    [200, 50],
  ])('at %ix%i opens on the last build\'s image: size, base share, efficiency, packages, smoke test', async (columns, rows) => {
    const { tui, inspected } = await open({ columns, rows });
    const frame = await waitFor(tui, 'Efficiency');
    expect(inspected).toEqual([WEB_ID]);
    expect(frame).toMatch(/›Summary +Layers +Packages +Directories +Diff/);
    expect(frame).toContain('example/web:1 · 111111111111 · 5.59 MB · 3 layers · 87.5 % efficient');
    expect(frame).toMatch(/^Size +5\.59 MB in 3 layers · 37 files · 4\.89 MB visible$/m);
    expect(frame).toMatch(/^Base +gentoo\/stage3:latest 4\.20 MB 75\.1 % █+░+$/m);
    expect(frame).toMatch(/^Efficiency 87\.5 % · wasted 700 kB \(dive\) · 700 kB hidden by later layers$/m);
    expect(frame).toMatch(/^Packages +5 from \/var\/db\/pkg · 4\.89 MB in their files/m);
    expect(frame).toMatch(/^Smoke test ✓ \/usr\/bin\/curl --version → exit 0$/m);
    expect(frame).toContain('curl 8.10.1 (x86_64-pc-linux-gnu)');
    expect(frame).toMatch(/2\.00 MB sys-libs\/glibc-2\.40-r5 +3\.39 MB \/usr$/m);
    expect(footer(tui)).toMatch(/^Tab tabs +t tag +e export +f flatten +i image/);
  });

  it('marks the current tab without colour (mono, ASCII glyphs)', async () => {
    const { tui } = await open({ theme: 'mono', unicode: false });
    await waitFor(tui, 'Efficiency');
    expect(tui.frame()).toMatch(/>Summary +Layers/);
    expect(tui.frame()).toMatch(/^Base .* #+\.+$/m);
    expect(tui.rawFrame()).toContain('\x1b[7m');
  });
});

describe('Result screen: Layers', () => {
  it('lists the layers with sizes, base marks and what made them; s sorts by size; Enter opens one', async () => {
    const { tui } = await open();
    await waitFor(tui, 'Efficiency');
    await tui.press('tab');
    await waitFor(tui, 'CREATED BY');
    const rows = lines(tui).filter((l) => /^[› ] +\d\*? /.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^› +1\* +4\.20 MB █+░* +15 +0 +0 +step 0$/);
    expect(rows[2]).toMatch(/^ +3 +1\.39 MB █*░+ +22 +0 +1 +gentoo-wb build b-20260102-abcd: /);
    await tui.press('s');
    expect(tui.frame()).toContain('sorted by size');
    expect(selected(tui)).toMatch(/1\* +4\.20 MB/);
    await tui.press('j');
    expect(selected(tui)).toMatch(/3 +1\.39 MB/);
    await tui.press('enter');
    const detail = tui.frame();
    expect(detail).toContain('Layer 3: 1.39 MB');
    expect(detail).toContain('22 files added, 0 changed, 1 removed; hides 700 kB of lower layers');
    expect(detail).toContain('gentoo-wb build b-20260102-abcd: emerge net-misc/curl app-misc/hello');
    expect(detail).toMatch(/800 kB +\/usr\/lib64\/libcurl\.so\.4/);
    expect(detail).toContain('Removes from lower layers (whiteouts)');
    expect(detail).toMatch(/^ +\/var\/cache\/junk \(700 kB\)$/m);
    // The opaque marker on a directory new in this layer removes nothing: not listed, not counted.
    const removes = detail.slice(detail.indexOf('Removes from lower layers'), detail.indexOf('Largest files it adds'));
    expect(removes.trim().split('\n')).toHaveLength(2);
    expect(removes).not.toContain('/var/db/pkg');
    await tui.press('escape');
    expect(tui.frame()).toContain('CREATED BY');
    expect(selected(tui)).toMatch(/3 +1\.39 MB/);
  });
});

describe('Result screen: Packages', () => {
  it('sorts by size, name and files; / filters; Enter shows USE, licence and largest files', async () => {
    const { tui } = await open();
    await waitFor(tui, 'Efficiency');
    await tui.press('tab', 'tab');
    await waitFor(tui, 'packages from /var/db/pkg');
    const order = () => lines(tui).filter((l) => /^[› ] [a-z]+-[a-z]+\//.test(l)).map((l) => l.slice(2).split(' ')[0]);
    expect(order()).toEqual(['sys-libs/glibc-2.40-r5', 'app-shells/bash-5.2_p37', 'net-misc/curl-8.10.1', 'net-libs/nghttp2-1.62.1', 'app-misc/hello-2.12.1']);
    await tui.press('s');
    expect(order()).toEqual(['app-misc/hello-2.12.1', 'app-shells/bash-5.2_p37', 'net-libs/nghttp2-1.62.1', 'net-misc/curl-8.10.1', 'sys-libs/glibc-2.40-r5']);
    await tui.press('s');
    expect(order()[0]).toBe('net-misc/curl-8.10.1');
    await tui.press('s', '/');
    await tui.type('http2');
    // The filter searches names, USE and licences: nghttp2 by name, curl by its http2 flag.
    expect(order()).toEqual(['net-misc/curl-8.10.1', 'net-libs/nghttp2-1.62.1']);
    expect(tui.frame()).toContain('2 of 5');
    await tui.press('ctrl+u');
    await tui.type('curl');
    expect(order()).toEqual(['net-misc/curl-8.10.1']);
    expect(tui.frame()).toContain('1 of 5');
    await tui.press('enter', 'enter');
    const detail = tui.frame();
    expect(detail).toContain('net-misc/curl-8.10.1: 1.10 MB');
    expect(detail).toContain('slot 0 · repository gentoo · 2 files in the image');
    expect(detail).toMatch(/^USE: http2 ssl$/m);
    expect(detail).toMatch(/^Licence: curl$/m);
    expect(detail).toMatch(/800 kB +\/usr\/lib64\/libcurl\.so\.4/);
    await tui.press('h');
    expect(order()).toEqual(['net-misc/curl-8.10.1']);
    await tui.press('escape');
    expect(order()).toHaveLength(5);
  });
});

describe('Result screen: Directories', () => {
  it('expands and collapses like ncdu, sorts, filters and reveals a match in the tree', async () => {
    const { tui } = await open();
    await waitFor(tui, 'Efficiency');
    await tui.press('tab', 'tab', 'tab');
    await waitFor(tui, 'sorted by size');
    // The header says what the sizes count.
    expect(lines(tui)[3]).toBe("       SIZE OF PARENT   NAME · sizes are file bytes, not du's disk blocks");
    expect(selected(tui)).toMatch(/^› +3\.39 MB █+░* \+usr\/ 5 files$/);
    await tui.press('enter');
    expect(selected(tui)).toMatch(/-usr\//);
    expect(lines(tui)[5]).toMatch(/^ +3\.00 MB █+░* +\+lib64\/ 3 files$/);
    await tui.press('right');
    expect(selected(tui)).toMatch(/\+lib64\//);
    await tui.press('right');
    expect(selected(tui)).toMatch(/-lib64\//);
    await tui.press('right');
    expect(selected(tui)).toMatch(/2\.00 MB .* {5}libc\.so\.6$/);
    await tui.press('j');
    expect(selected(tui)).toMatch(/800 kB .* {5}libcurl\.so\.4$/);
    await tui.press('left');
    expect(selected(tui)).toMatch(/-lib64\//);
    await tui.press('left');
    expect(selected(tui)).toMatch(/\+lib64\//);
    await tui.press('left');
    expect(selected(tui)).toMatch(/-usr\//);
    await tui.press('s');
    expect(tui.frame()).toContain('sorted by name');
    expect(selected(tui)).toMatch(/-usr\//);
    expect(lines(tui)[4]).toMatch(/\+bin\//);
    await tui.press('/');
    await tui.type('curl');
    // Paths match anywhere: the package database's folder of curl too.
    expect(tui.frame()).toMatch(/\/curl_ +9 matches/);
    expect(lines(tui).slice(4, 8).join('\n')).toContain('/usr/lib64/libcurl.so.4');
    await tui.press('enter', 'enter');
    expect(tui.frame()).not.toContain('matches');
    expect(selected(tui)).toMatch(/libcurl\.so\.4$/);
    expect(tui.frame()).toMatch(/-lib64\//);
  });

  it('stays responsive with 100,000 files in one directory (windowed rendering)', async () => {
    const huge = hugeImage(100_000);
    h = await openResult({ images: { [OTHER_ID]: huge }, lastImage: OTHER_ID });
    const tui = h.tui;
    await waitFor(tui, 'Efficiency');
    await tui.press('tab', 'tab', 'tab');
    await waitFor(tui, '100001 files');
    const timed = async (...keys: string[]) => {
      const started = performance.now();
      await tui.press(...keys);
      return performance.now() - started;
    };
    const expand = await timed('enter');
    expect(tui.frame()).toContain('1-17 of 100002 rows');
    const page = await timed('pagedown');
    const end = await timed('G');
    expect(selected(tui)).toMatch(/\+etc\/ 1 file$/);
    expect(tui.frame()).toContain('100002 of 100002 rows');
    const scroll = await timed('k', 'k', 'k');
    expect(selected(tui)).toMatch(/ f\d{6}$/);
    const top = await timed('g');
    const collapse = await timed('enter');
    expect(tui.frame()).not.toContain('rows ·');
    // Only the window is drawn: never more rows than the screen has.
    expect(lines(tui).length).toBeLessThanOrEqual(23);
    for (const [what, ms] of Object.entries({ expand, page, end, scroll, top, collapse })) expect(ms, what).toBeLessThan(1500);
    await tui.press('/');
    const filterStarted = performance.now();
    await tui.type('f09999');
    expect(performance.now() - filterStarted).toBeLessThan(3000);
    expect(tui.frame()).toContain('10 matches');
    expect(selected(tui)).toMatch(/\/data\/f099999$/);
  });
});

describe('Result screen: Diff', () => {
  it('compares with the base first, then the previous build, then a picked image', async () => {
    const { tui } = await open();
    await waitFor(tui, 'Efficiency');
    await tui.press('shift+tab');
    let frame = await waitFor(tui, 'grew most');
    expect(frame).toContain('base gentoo/stage3:latest 4.20 MB → 5.59 MB: +1.39 MB (+33.1 %)');
    expect(frame).toContain('3 added  0 removed  0 changed  2 unchanged');
    expect(frame).toMatch(/\+1\.10 MB \+ net-misc\/curl-8\.10\.1/);
    expect(frame).toMatch(/\+1\.39 MB {2}\/usr$/m);
    await tui.press('d');
    frame = await waitFor(tui, 'previous build');
    // The previous build still carries /var/cache/junk from the base.
    expect(frame).toContain('previous build 5.34 MB → 5.59 MB: +250 kB (+4.7 %)');
    expect(frame).toContain('1 added  0 removed  1 changed  3 unchanged');
    expect(frame).toMatch(/\+200 kB \+ net-libs\/nghttp2-1\.62\.1/);
    expect(frame).toMatch(/\+50\.0 kB ~ net-misc\/curl-8\.9\.0 → 8\.10\.1 \(USE\)/);
    await tui.press('d');
    frame = await waitFor(tui, 'Inspect which image?');
    await tui.press('a');
    await waitFor(tui, 'All local images');
    await tui.press('j', 'enter');
    frame = await waitFor(tui, 'example/web:0');
    expect(frame).toContain('example/web:0 5.34 MB → 5.59 MB');
  });

  it('says why a comparison is impossible', async () => {
    const { tui } = await open({ previous: {} });
    await waitFor(tui, 'Efficiency');
    await tui.press('shift+tab');
    await waitFor(tui, 'grew most');
    await tui.press('d');
    const frame = flat(await waitFor(tui, 'Cannot compare'));
    expect(frame).toContain('Cannot compare with the previous build of this recipe: no earlier build of this recipe is on the engine');
  });
});

describe('Result screen: actions', () => {
  it('t tags with several names, checked as they are typed', async () => {
    const { tui, tags } = await open();
    await waitFor(tui, 'Efficiency');
    await tui.press('t');
    expect(tui.frame()).toContain('Tag as');
    await tui.type('example/Web:2');
    await tui.press('enter');
    expect(tui.frame()).toMatch(/fix this first: example\/Web:2: /);
    await tui.press('ctrl+u');
    await tui.type('example/web:2 example/web:latest');
    await tui.press('enter');
    await waitFor(tui, 'tagged');
    expect(tags).toEqual([{ id: WEB_ID, tag: 'example/web:2' }, { id: WEB_ID, tag: 'example/web:latest' }]);
    expect(tui.frame()).toContain('tagged 111111111111 as example/web:2, example/web:latest');
  });

  it('e exports with the compression the name says and the recipe, Dockerfile and SBOM beside it; progress; Esc cancels', async () => {
    const { tui, exports, held } = await open({ holdExport: true });
    await waitFor(tui, 'Efficiency');
    await tui.press('e');
    expect(tui.frame()).toMatch(/Export to example-web-1\.tar/);
    expect(tui.frame()).toContain('beside it: recipe, Dockerfile, SBOM (CycloneDX)');
    await tui.press('ctrl+u');
    await tui.type('/srv/out/web.zip');
    await tui.press('enter');
    expect(tui.frame()).toContain('end the name in .tar, .tar.gz or .tar.zst');
    await tui.press('ctrl+u');
    await tui.type('/srv/out/web.tar.zst');
    await tui.press('enter');
    expect(exports).toEqual([{ id: WEB_ID, request: { output: '/srv/out/web.tar.zst', flatten: false, compression: 'zstd', recipe: '/srv/out/web.recipe.json', dockerfile: '/srv/out/web.Dockerfile', sbom: { file: '/srv/out/web.cdx.json', format: 'cyclonedx' } } }]);
    held[0]!.step('writing the archive');
    await new Promise((r) => setTimeout(r, 120));
    held[0]!.progress({ bytes: 40_000_000, totalBytes: 100_000_000 });
    const frame = await waitFor(tui, '40 %');
    expect(frame).toMatch(/writing the archive… 40\.0 MB \/ 100 MB 40 % +[\d.]+ [kMG]?B\/s +\(Esc cancels\)/);
    expect(footer(tui)).toMatch(/^Esc cancel/);
    await tui.press('escape');
    expect(held[0]!.signal.aborted).toBe(true);
    expect(await waitFor(tui, 'cancelled')).toContain('export to /srv/out/web.tar.zst: cancelled; nothing was left behind');
  });

  it('f exports flattened and reports the files written', async () => {
    const { tui, exports } = await open();
    await waitFor(tui, 'Efficiency');
    await tui.press('f');
    expect(tui.frame()).toContain('Export flattened to example-web-1-flat.tar');
    await tui.press('enter');
    await waitFor(tui, 'wrote');
    expect(exports[0]!.request).toMatchObject({ output: 'example-web-1-flat.tar', flatten: true, compression: 'none' });
    expect(tui.frame()).toContain('wrote example-web-1-flat.tar (1.23 MB, one layer)');
  });
});

describe('Result screen: choosing the image', () => {
  it('without a last build lists the results (a: all images) and inspects the one chosen, with progress', async () => {
    const { tui, inspected, held } = await open({ lastImage: null, holdInspect: [PREV_ID] });
    let frame = await waitFor(tui, 'Inspect which image?');
    expect(frame).toContain('Images built by gentoo-wb');
    expect(frame).toMatch(/› example\/web:1 +111111111111 +5\.59 MB 2026-01-02/);
    await tui.press('j', 'enter');
    held[0]!.progress({ bytes: 2_000_000, totalBytes: 5_000_000 });
    frame = await waitFor(tui, '40 %');
    expect(frame).toContain('Reading');
    expect(frame).toMatch(/2\.00 MB \/ 5\.00 MB 40 %/);
    held[0]!.finish(previousImage());
    frame = await waitFor(tui, 'Efficiency');
    expect(frame).toContain('example/web:0');
    expect(inspected).toEqual([PREV_ID]);
  });

  it('i picks another image from the tabs; a failed read says why and r retries', async () => {
    const { tui, inspected } = await open({ images: { [WEB_ID]: webImage() }, lastImage: 'gone/image:1' });
    await waitFor(tui, 'Cannot inspect');
    expect(flat(tui.frame())).toContain('Cannot inspect gone/image:1: no such image: gone/image:1 (check the name with gentoo-wb images)');
    expect(footer(tui)).toMatch(/^r re-read +i image/);
    await tui.press('r');
    await waitFor(tui, 'Cannot inspect');
    expect(inspected).toEqual(['gone/image:1', 'gone/image:1']);
    await tui.press('i');
    await waitFor(tui, 'Inspect which image?');
    await tui.press('enter');
    await waitFor(tui, 'Efficiency');
    expect(inspected.at(-1)).toBe(WEB_ID);
  });
});
