import { describe, expect, it } from 'vitest';
import { readElf, type ElfInfo } from '../../../src/core/elf/elf-reader.js';
import { checkRoot, describeMissing, rootCheckFailure } from '../../../src/core/elf/root-check.js';
import { TreeIndex } from '../../../src/core/elf/tree-index.js';
import { buildElf, type ElfSpec } from './elf-builder.js';

function elf(spec: ElfSpec): ElfInfo {
  const r = readElf(buildElf(spec));
  if (!r.ok) throw new Error(r.problem);
  return r.elf;
}

const LD = '/lib64/ld-linux-x86-64.so.2';

/** A Debian-style multiarch C library like Debian's (the test base's): the loader linked from /lib64. */
function withLibc(t: TreeIndex): TreeIndex {
  t.add('/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', { kind: 'file', size: 1, elf: elf({ soname: 'ld-linux-x86-64.so.2' }) });
  t.add('/lib/x86_64-linux-gnu/libc.so.6', { kind: 'file', size: 1, elf: elf({ soname: 'libc.so.6', interpreter: LD }) });
  t.add(LD, { kind: 'symlink', target: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' });
  return t;
}

const conf = new Map([['/etc/ld.so.conf', '/lib64\n/usr/lib64\n/lib\n/usr/lib\n']]);

describe('checkRoot', () => {
  it('passes a tree whose programs find the loader, the C library in the loader folder, and their libraries', () => {
    const t = withLibc(new TreeIndex());
    t.add('/usr/bin/foo-tool', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libfoo.so.1', 'libc.so.6'] }) });
    t.add('/usr/lib64/libfoo.so.1', { kind: 'file', size: 1, elf: elf({ soname: 'libfoo.so.1', needed: ['libc.so.6'] }) });
    t.add('/usr/bin/script', { kind: 'file', size: 1, elf: null });
    const r = checkRoot({ tree: t, loaderConfig: conf });
    expect(r).toEqual({ elfFiles: 4, checked: 3, missing: [], unreadable: [] });
    expect(rootCheckFailure(r)).toBeNull();
  });

  it('names the file and the library when one is missing (foo-tool without libfoo)', () => {
    const t = withLibc(new TreeIndex());
    t.add('/usr/bin/foo-tool', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libfoo.so.1', 'libc.so.6'] }) });
    const r = checkRoot({ tree: t, loaderConfig: conf });
    expect(r.missing).toHaveLength(1);
    expect(r.missing[0]).toMatchObject({ file: '/usr/bin/foo-tool', library: 'libfoo.so.1', kind: 'needed', mismatch: null });
    expect(r.missing[0]!.searched.slice(0, 4)).toEqual(['/lib64', '/usr/lib64', '/lib', '/usr/lib']);
    expect(r.missing[0]!.searched).toContain('/lib/x86_64-linux-gnu');
    expect(rootCheckFailure(r)).toMatch(/^ROOT check: 1 missing library \(libfoo\.so\.1\): \/usr\/bin\/foo-tool needs libfoo\.so\.1\. Add the package/);
    expect(describeMissing(r.missing[0]!)).toMatch(/^\/usr\/bin\/foo-tool needs libfoo\.so\.1, which is not in the image \(searched \/lib64, /);
  });

  it('reports a missing program interpreter (no C library copied)', () => {
    const t = new TreeIndex();
    t.add('/usr/bin/hello', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libc.so.6'] }) });
    const r = checkRoot({ tree: t, loaderConfig: new Map() });
    expect(r.missing.map((m) => [m.kind, m.library])).toEqual([['interpreter', LD], ['needed', 'libc.so.6']]);
    expect(rootCheckFailure(r)).toMatch(/2 missing libraries \(\/lib64\/ld-linux-x86-64\.so\.2, libc\.so\.6\): \/usr\/bin\/hello \(interpreter/);
  });

  it('follows RUNPATH with $ORIGIN and ld.so.conf.d, ignores RPATH when RUNPATH is set, and uses the image LD_LIBRARY_PATH', () => {
    const t = withLibc(new TreeIndex());
    t.add('/opt/app/bin/app', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libapp.so', 'libc.so.6'], runpath: '$ORIGIN/../lib', rpath: '/nowhere' }) });
    t.add('/opt/app/lib/libapp.so', { kind: 'file', size: 1, elf: elf({ needed: ['libx.so.2', 'liby.so.3'] }) });
    t.add('/usr/lib64/php/lib/libx.so.2', { kind: 'file', size: 1, elf: elf({}) });
    t.add('/srv/lib/liby.so.3', { kind: 'file', size: 1, elf: elf({}) });
    const loaderConfig = new Map([['/etc/ld.so.conf', 'include ld.so.conf.d/*.conf\n'], ['/etc/ld.so.conf.d/php.conf', '/usr/lib64/php/lib\n']]);
    expect(checkRoot({ tree: t, loaderConfig, libraryPath: ['/srv/lib'] }).missing).toEqual([]);
    expect(checkRoot({ tree: t, loaderConfig }).missing.map((m) => `${m.file}:${m.library}`)).toEqual(['/opt/app/lib/libapp.so:liby.so.3']);
  });

  it('does not accept a library of another class, and says it saw one', () => {
    const t = withLibc(new TreeIndex());
    t.add('/usr/bin/tool', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libz.so.1'] }) });
    t.add('/usr/lib/libz.so.1', { kind: 'file', size: 1, elf: elf({ class: 32, machine: 3 }) });
    const r = checkRoot({ tree: t, loaderConfig: conf });
    expect(r.missing).toHaveLength(1);
    expect(r.missing[0]!.mismatch).toBe('/usr/lib/libz.so.1');
    expect(describeMissing(r.missing[0]!)).toContain('/usr/lib/libz.so.1 exists but is for another class or machine');
  });

  it('skips static executables, object files and separate debug files; a linker script is no library', () => {
    const t = withLibc(new TreeIndex());
    t.add('/bin/busybox', { kind: 'file', size: 1, elf: elf({ type: 2, staticLink: true }) });
    t.add('/usr/lib/debug/usr/bin/x.debug', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libgone.so'] }) });
    t.add('/usr/lib64/crt1.o', { kind: 'file', size: 1, elf: elf({ type: 1 }) });
    t.add('/usr/bin/uses-script', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libc.so'] }) });
    t.add('/usr/lib64/libc.so', { kind: 'file', size: 1, elf: null });
    const r = checkRoot({ tree: t, loaderConfig: conf });
    expect(r.missing.map((m) => `${m.file}:${m.library}`)).toEqual(['/usr/bin/uses-script:libc.so']);
    // libc.so.6 (it names the loader) and uses-script; busybox, the debug file and crt1.o are not looked into.
    expect(r.checked).toBe(2);
  });

  it('expands $LIB, $PLATFORM and ${ORIGIN} in RUNPATH; drops relative entries', () => {
    const t = withLibc(new TreeIndex());
    t.add('/usr/bin/a', { kind: 'file', size: 1, elf: elf({ type: 2, interpreter: LD, needed: ['libnone.so'], runpath: '${ORIGIN}/x:/opt/$LIB:/opt/$PLATFORM/lib:lib' }) });
    const searched = checkRoot({ tree: t, loaderConfig: new Map() }).missing[0]!.searched;
    expect(searched.slice(0, 4)).toEqual(['/usr/bin/x', '/opt/lib64', '/opt/lib', '/opt/x86_64/lib']);
    expect(searched.filter((d) => !d.startsWith('/'))).toEqual([]);
  });
});
