// Package sizes from the vdb against the final file system: each path once, the last merge owns a
// shared path, merged-/usr symlinks resolved, stripped files counted as missing, record captures.
import { describe, expect, it } from 'vitest';
import { buildInspection } from '../../../src/core/inspect/inspection.js';
import { stackLayers } from '../../../src/core/inspect/layer-stack.js';
import { isVdbFile, packageDbFromRecord, packagesFromVdbFiles, toRecordedPackages } from '../../../src/core/inspect/package-db.js';
import { packageSizes } from '../../../src/core/inspect/package-sizes.js';
import { contents, FACTS, layer, vdbFiles } from './layers.js';

describe('package database', () => {
  it('knows which vdb files to read', () => {
    expect(isVdbFile('/var/db/pkg/dev-libs/openssl-3.3.2-r2/CONTENTS')).toBe(true);
    expect(isVdbFile('/var/db/pkg/dev-libs/openssl-3.3.2-r2/environment.bz2')).toBe(false);
    expect(isVdbFile('/var/db/pkg/dev-libs/-MERGING-openssl-3.3.2-r2/CONTENTS')).toBe(false);
    expect(isVdbFile('/usr/var/db/pkg/a/b-1/CONTENTS')).toBe(false);
  });

  it('narrows USE to IUSE', () => {
    const use = (keys: Record<string, string>) => packagesFromVdbFiles(new Map(Object.entries(vdbFiles('a/b-1', { CONTENTS: '', ...keys }))))[0]?.use;
    expect(use({ USE: 'abi_x86_64 amd64 elibc_glibc http2 ssl', IUSE: '+ssl http2 test' })).toEqual(['http2', 'ssl']);
    expect(use({ USE: 'a b' })).toEqual(['a', 'b']);
  });

  it('parses vdb files into packages, skipping folders that are no cpv', () => {
    const pkgs = packagesFromVdbFiles(new Map(Object.entries({
      ...vdbFiles('net-misc/curl-8.10.1', { CONTENTS: contents('/usr/bin/curl', ['/usr/lib64/libcurl.so', 'libcurl.so.4']), SIZE: '1234\n', SLOT: '0/4\n', USE: 'amd64 http2\n', IUSE: 'http2 +ssl\n', LICENSE: 'MIT\n', COUNTER: '7\n', repository: 'gentoo\n' }),
      '/var/db/pkg/broken/CONTENTS': 'obj /x 0 0',
    })));
    expect(pkgs).toEqual([{
      cpv: 'net-misc/curl-8.10.1', slot: '0/4', repository: 'gentoo', use: ['http2'], license: 'MIT', recordedSize: 1234, counter: 7,
      files: [{ path: '/usr/bin/curl', size: null }, { path: '/usr/lib64/libcurl.so', size: null }],
    }]);
  });

  it('reads a record capture, and says what is malformed', () => {
    const ok = packageDbFromRecord({ state: {}, extras: { packages: [{ cpv: 'app-misc/hello-2.12', size: 80, use: ['nls'], license: 'GPL-3', files: [{ path: '/usr/bin/hello', size: 80 }] }] } });
    expect(ok).toMatchObject({ ok: true, db: { source: 'build-record', packages: [{ cpv: 'app-misc/hello-2.12', recordedSize: 80, files: [{ path: '/usr/bin/hello', size: 80 }] }] } });
    expect(packageDbFromRecord({ state: {} })).toEqual({ ok: false, problem: null });
    const bad = packageDbFromRecord({ extras: { packages: [{ cpv: 3 }] } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problem).toMatch(/malformed at 0\.cpv/);
  });

  it('round-trips through the record shape', () => {
    const pkgs = packagesFromVdbFiles(new Map(Object.entries(vdbFiles('a/b-1', { CONTENTS: contents('/x'), SIZE: '3' }))));
    const back = packageDbFromRecord({ extras: { packages: toRecordedPackages(pkgs) } });
    expect(back.ok && back.db.packages).toEqual(pkgs);
  });
});

describe('packageSizes', () => {
  const layers = [
    layer(0, [['/usr', 'dir'], ['/usr/lib', 'dir'], ['/lib', '->', 'usr/lib'], ['/usr/lib/libc.so.6', 2000], ['/usr/bin', 'dir'], ['/usr/bin/tool', 300], ['/etc', 'dir'], ['/etc/conf', 10], ['/usr/bin/shared', 40]], {
      ...vdbFiles('sys-libs/glibc-2.40', { CONTENTS: contents('/lib/libc.so.6', '/usr/share/doc/glibc/NEWS', '/usr/bin/shared'), SIZE: '5000', COUNTER: '1' }),
      ...vdbFiles('app-misc/tool-1.0', { CONTENTS: contents('/usr/bin/tool', '/usr/bin/shared'), SIZE: '340', COUNTER: '2' }),
    }),
  ];

  it('follows symlinked directories and counts each path for its last merge', () => {
    const ins = buildInspection({ image: FACTS, layers, base: null, recordedDb: null, build: null });
    expect(ins.packages.packages.map((p) => [p.cpv, p.size, p.files, p.missing])).toEqual([
      ['sys-libs/glibc-2.40', 2000, 1, 1],
      ['app-misc/tool-1.0', 340, 2, 0],
    ]);
    expect(ins.packages.ownedBytes).toBe(2340);
    // Never more than the image.
    expect(ins.packages.packages.reduce((s, p) => s + p.size, 0)).toBeLessThanOrEqual(ins.size);
  });

  it('uses a record capture for images without a vdb, and its recorded size when it has no file list', () => {
    const stack = stackLayers([layer(0, [['/usr', 'dir'], ['/usr/bin', 'dir'], ['/usr/bin/hello', 80]])]);
    const sizes = packageSizes({ source: 'build-record', packages: [
      { cpv: 'app-misc/hello-2.12', slot: null, repository: null, use: [], license: 'GPL-3', recordedSize: 90, counter: null, files: [{ path: '/usr/bin/hello', size: 80 }, { path: '/usr/share/man/man1/hello.1', size: 10 }] },
      { cpv: 'sys-libs/glibc-2.40', slot: null, repository: null, use: [], license: null, recordedSize: 1000, counter: null, files: [] },
    ] }, stack.root);
    expect(sizes.source).toBe('build-record');
    expect(sizes.packages.map((p) => [p.cpv, p.size, p.estimated, p.missing])).toEqual([['sys-libs/glibc-2.40', 1000, true, 0], ['app-misc/hello-2.12', 80, false, 1]]);
  });

  it('gives nothing without a database', () => {
    expect(packageSizes(null, stackLayers([]).root)).toEqual({ source: null, packages: [], ownedBytes: 0, ownedFiles: 0 });
  });
});
