import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePackageFile } from '../../../../src/core/portage/package-files/package-file-parser.js';
import type { PackageFileDoc } from '../../../../src/core/portage/package-files/package-file-types.js';

const packageEntries = (doc: PackageFileDoc) => doc.lines.flatMap((l) => (l.kind === 'entry' ? [l] : []));
/** The lines' raw text, joined: the parse loses nothing. */
const rawText = (doc: PackageFileDoc) => doc.lines.map((l) => l.raw).join('');

const PACKAGE_USE = [
  '# web stack',
  'www-servers/nginx http2 -rtmp NGINX_MODULES_HTTP: gzip proxy -fastcgi   # modules',
  '>=dev-lang/php-8.3:8.3 cli -apache2',
  '',
  'dev-lang/php:8.3 -* fpm',
  'bad/atom-1.0 x',
  'dev-libs/foo bad$flag',
].join('\n');

describe('package.use', () => {
  const doc = parsePackageFile('package.use', PACKAGE_USE);
  it('parses entries, USE_EXPAND groups, comments and invalid lines', () => {
    expect(doc.lines.map((l) => l.kind)).toEqual(['comment', 'entry', 'entry', 'blank', 'entry', 'invalid', 'entry']);
    const nginx = doc.lines[1];
    expect(nginx).toMatchObject({
      kind: 'entry', atomText: 'www-servers/nginx', values: ['http2', '-rtmp', 'NGINX_MODULES_HTTP:', 'gzip', 'proxy', '-fastcgi'],
      flags: ['http2', '-rtmp', 'nginx_modules_http_gzip', 'nginx_modules_http_proxy', '-nginx_modules_http_fastcgi'], comment: '# modules', problems: [],
    });
    expect(doc.lines[5]).toMatchObject({ kind: 'invalid', line: 6, offset: 8, message: expect.stringContaining('reads as a version') });
    expect(doc.lines[6]).toMatchObject({ kind: 'entry', problems: [{ offset: 16, message: expect.stringContaining("'$' is not allowed") }] });
  });
  it('round-trips byte for byte', () => {
    expect(rawText(doc)).toBe(PACKAGE_USE);
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (t) => {
      expect(rawText(parsePackageFile('package.use', t))).toBe(t);
    }), { numRuns: 300 });
  });
});

describe('other package.* files', () => {
  it('package.accept_keywords: keywords and the implicit ~arch form', () => {
    const doc = parsePackageFile('package.accept_keywords', '=dev-libs/openssl-3.4.0 ~amd64\ndev-lang/rust **\napp-misc/foo\napp-misc/bar ~am!d64\n');
    expect(packageEntries(doc).map((e) => [e.atomText, e.values, e.problems.length])).toEqual([
      ['=dev-libs/openssl-3.4.0', ['~amd64'], 0], ['dev-lang/rust', ['**'], 0], ['app-misc/foo', [], 0], ['app-misc/bar', ['~am!d64'], 1],
    ]);
  });
  it('package.mask / package.unmask: one atom per line; profile masks may negate', () => {
    const mask = parsePackageFile('package.mask', '# Jane Doe (2025-01-10)\n=dev-lang/php-8.5.0_alpha1\n-dev-lang/php:8.5\ndev-libs/a dev-libs/b\n');
    expect(packageEntries(mask).map((e) => [e.atomText, e.negated, e.problems.length])).toEqual([['=dev-lang/php-8.5.0_alpha1', false, 0], ['dev-lang/php:8.5', true, 0], ['dev-libs/a', false, 1]]);
    expect(packageEntries(parsePackageFile('package.unmask', '=dev-lang/php-8.5.0_alpha1\n'))[0]?.atom.version?.text).toBe('8.5.0_alpha1');
  });
  it('package.license, package.env, profile packages and package.provided', () => {
    expect(packageEntries(parsePackageFile('package.license', '>=app-misc/proprietary-tool-1.0 Proprietary-EULA @BINARY-REDISTRIBUTABLE -GPL-2\n'))[0]).toMatchObject({ values: ['Proprietary-EULA', '@BINARY-REDISTRIBUTABLE', '-GPL-2'], problems: [] });
    expect(packageEntries(parsePackageFile('package.env', 'dev-lang/php no-lto.conf clang.conf\n'))[0]?.values).toEqual(['no-lto.conf', 'clang.conf']);
    const packages = packageEntries(parsePackageFile('packages', '*sys-apps/baselayout\n-*sys-apps/man-pages\n-sys-apps/which\n'));
    expect(packages.map((e) => [e.atomText, e.system, e.negated])).toEqual([['sys-apps/baselayout', true, false], ['sys-apps/man-pages', true, true], ['sys-apps/which', false, true]]);
    const provided = parsePackageFile('package.provided', 'sys-libs/glibc-2.40\nsys-apps/which\n');
    expect(provided.lines.map((l) => l.kind)).toEqual(['entry', 'invalid']);
    expect(provided.lines[1]).toMatchObject({ message: expect.stringContaining('lists exact versions') });
    expect(packageEntries(provided)[0]?.atom).toMatchObject({ operator: '=', name: 'glibc', version: { text: '2.40' } });
  });
});
