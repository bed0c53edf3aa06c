// `gentoo-wb inspect`: options checked before anything runs, and the text the summary, tables and
// diff print for a known inspection.
import { describe, expect, it } from 'vitest';
import { inspectRequestFrom } from '../../src/commands/inspect-request.js';
import { register as registerInspect } from '../../src/commands/inspect.js';
import { diffText, dirsText, layersText, packagesText, summaryText } from '../../src/commands/inspect-text.js';
import { diffViews, viewOf } from '../../src/core/inspect/diff.js';
import { runCli } from './helpers/cli.js';
import { previousImage, webImage } from '../ui/screens/result/fixtures.js';

describe('inspectRequestFrom', () => {
  it('picks one section, a diff target and a depth', () => {
    expect(inspectRequestFrom('img', {})).toEqual({ image: 'img', section: 'summary', diff: null, depth: 2, json: false });
    expect(inspectRequestFrom('img', { json: true, packages: true })).toMatchObject({ section: 'packages', depth: 3, json: true });
    expect(inspectRequestFrom('img', { diff: 'previous', depth: '4' })).toMatchObject({ diff: 'previous', depth: 4 });
  });
  it('explains mistakes', () => {
    expect(() => inspectRequestFrom('img', { layers: true, dirs: true })).toThrow('choose one of --layers, --packages and --dirs (got --layers, --dirs)');
    expect(() => inspectRequestFrom('img', { diff: 'base', packages: true })).toThrow(/--diff prints the diff/);
    expect(() => inspectRequestFrom('img', { depth: 'deep' })).toThrow(/--depth takes a number/);
  });
  it('exits 2 before connecting', async () => {
    const r = await runCli([registerInspect], ['-H', 'tcp://127.0.0.1:1', 'inspect', 'img', '--layers', '--packages']);
    expect(r.code).toBe(2);
  });
});

describe('inspect text', () => {
  const web = webImage();
  it('summarises size, base share, efficiency, packages, build and the largest things', () => {
    const text = summaryText(web.inspection, ['a note']);
    expect(text).toContain('example/web:1  111111111111  amd64');
    expect(text).toContain('Size        5.59 MB in 3 layers; 37 files, 4.89 MB visible');
    expect(text).toContain('Base        gentoo/stage3:latest: 2 layers, 4.20 MB (75.1 % of the image)');
    expect(text).toContain('Efficiency  87.5 %; wasted 700 kB (dive\'s measure), 700 kB hidden by later layers');
    expect(text).toContain('Packages    5 (from /var/db/pkg), 4.89 MB in their files; 1.55 kB owned by no package');
    expect(text).toContain('Build       b-20260102-abcd of web (commit mode), smoke test passed (/usr/bin/curl --version)');
    expect(text).toContain('Note        a note');
    expect(text).toMatch(/ +2\.00 MB {2}sys-libs\/glibc-2\.40-r5/);
  });
  it('prints tables of layers, packages and directories', () => {
    expect(layersText(web.inspection)).toMatch(/^#  +SIZE +ADDED +CHANGED +REMOVED +CREATED BY\n1\* +4\.20 MB +15 +0 +0 +step 0\n/);
    expect(layersText(web.inspection)).toContain('* part of the base image');
    expect(packagesText(web.inspection)).toMatch(/net-misc\/curl-8\.10\.1 +1\.10 MB +2 +0 +http2 ssl/);
    expect(dirsText(web.inspection, 1).split('\n')[1]).toMatch(/^3\.39 MB +5 +\/usr$/);
  });
  it('prints a diff with totals, packages and the directories that grew', () => {
    const text = diffText(diffViews(viewOf(previousImage().inspection, 'example/web:0'), viewOf(web.inspection, 'example/web:1')));
    expect(text).toContain('example/web:0 5.34 MB → example/web:1 5.59 MB: +250 kB (+4.7 %)');
    expect(text).toContain('1 added, 0 removed, 1 changed, 3 unchanged');
    expect(text).toMatch(/added +net-libs\/nghttp2-1\.62\.1 +\+200 kB/);
    expect(text).toMatch(/changed +net-misc\/curl-8\.9\.0 → 8\.10\.1 \(USE\) +\+50\.0 kB/);
    expect(text).toMatch(/Directories that grew most\n +\+250 kB {2}\/usr/);
  });
});
