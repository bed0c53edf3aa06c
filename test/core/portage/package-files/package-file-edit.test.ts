import { describe, expect, it } from 'vitest';
import { parsePackageFile, serializePackageFile } from '../../../../src/core/portage/package-files/package-file-parser.js';
import { addPackageUseLine, removePackageUseLine, setPackageEntry, applyChange, addPackageEntry } from '../../../../src/core/portage/package-files/package-file-edit.js';
import { parsePretend } from '../../../../src/core/portage/pretend/pretend-parser.js';
import { rig } from '../../fixtures.js';

const PACKAGE_USE = [
  '# web stack',
  'www-servers/nginx http2 -rtmp NGINX_MODULES_HTTP: gzip proxy -fastcgi   # modules',
  '>=dev-lang/php-8.3:8.3 cli -apache2',
  '',
  'dev-lang/php:8.3 -* fpm',
  'bad/atom-1.0 x',
  'dev-libs/foo bad$flag',
].join('\n');

describe('package.use editing', () => {
  const doc = parsePackageFile('package.use', PACKAGE_USE);
  it('adds and removes lines without touching the comments', () => {
    const added = addPackageUseLine(doc, '>=net-misc/curl-8.11.1', ['http2']);
    if (!added.ok) throw new Error(added.error);
    expect(serializePackageFile(added.doc)).toBe(`${PACKAGE_USE}\n>=net-misc/curl-8.11.1 http2\n`);
    const removed = removePackageUseLine(added.doc, 'www-servers/nginx');
    expect(serializePackageFile(removed).split('\n')).toEqual(['# web stack', '>=dev-lang/php-8.3:8.3 cli -apache2', '', 'dev-lang/php:8.3 -* fpm', 'bad/atom-1.0 x', 'dev-libs/foo bad$flag', '>=net-misc/curl-8.11.1 http2', '']);
    expect(addPackageUseLine(doc, 'curl', ['http2'])).toMatchObject({ ok: false, error: expect.stringContaining('category is missing') });
    expect(addPackageUseLine(doc, 'net-misc/curl', ['ht$tp2'])).toMatchObject({ ok: false, offset: 16 });
  });
  it('replaces the flags of an existing entry and keeps its comment', () => {
    const r = setPackageEntry(doc, 'www-servers/nginx', ['-http2']);
    expect(r.ok && serializePackageFile(r.doc).split('\n')[1]).toBe('www-servers/nginx -http2 # modules');
  });
});

describe('autounmask changes into package.* files', () => {
  it('writes the rig USE, keyword and licence changes into the matching files', () => {
    const cases: [string, 'package.use' | 'package.accept_keywords' | 'package.license', string][] = [
      ['14-use-change-needed', 'package.use', '>=net-misc/curl-8.11.1 http2\n'],
      ['11-keyword-autounmask', 'package.accept_keywords', '=dev-libs/openssl-3.4.0 ~amd64\n'],
      ['13-license-autounmask', 'package.license', '>=app-misc/proprietary-tool-1.0 Proprietary-EULA\n'],
    ];
    for (const [name, file, expected] of cases) {
      const change = parsePretend(rig(name)).changes[0];
      if (!change) throw new Error(`no change in ${name}`);
      expect(change.file).toBe(file);
      const r = applyChange(parsePackageFile(file, ''), change);
      expect(r.ok && serializePackageFile(r.doc)).toBe(expected);
      expect(applyChange(parsePackageFile('package.mask', ''), change)).toMatchObject({ ok: false, error: `this change belongs in ${file}, not package.mask` });
    }
  });
  it('appends after a file that lacks a final newline', () => {
    const r = addPackageEntry(parsePackageFile('package.unmask', '# kept'), '=dev-lang/php-8.5.0_alpha1');
    expect(r.ok && serializePackageFile(r.doc)).toBe('# kept\n=dev-lang/php-8.5.0_alpha1\n');
  });
});
