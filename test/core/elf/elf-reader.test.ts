import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isElf, readElf } from '../../../src/core/elf/elf-reader.js';
import { buildElf } from './elf-builder.js';

describe('readElf', () => {
  it('reads interpreter, DT_NEEDED, SONAME, RPATH and RUNPATH of a 64-bit little-endian file', () => {
    const read = readElf(buildElf({ type: 2, interpreter: '/lib64/ld-linux-x86-64.so.2', needed: ['libfoo.so.1', 'libc.so.6'], rpath: '$ORIGIN/../lib:/opt/x', runpath: '/usr/lib64/php8.3/lib' }));
    expect(read).toEqual({
      ok: true,
      elf: {
        class: 64, littleEndian: true, machine: 62, type: 'exec', interpreter: '/lib64/ld-linux-x86-64.so.2',
        needed: ['libfoo.so.1', 'libc.so.6'], soname: null, rpath: ['$ORIGIN/../lib', '/opt/x'], runpath: ['/usr/lib64/php8.3/lib'],
      },
    });
  });

  it('reads 32-bit and big-endian files the same way', () => {
    const a = readElf(buildElf({ class: 32, machine: 3, soname: 'libbar.so.2', needed: ['libc.so.6'] }));
    expect(a.ok && a.elf).toMatchObject({ class: 32, machine: 3, type: 'dyn', soname: 'libbar.so.2', needed: ['libc.so.6'], interpreter: null });
    const b = readElf(buildElf({ littleEndian: false, machine: 21, needed: ['libz.so.1'], soname: 'libq.so.0' }));
    expect(b.ok && b.elf).toMatchObject({ class: 64, littleEndian: false, machine: 21, needed: ['libz.so.1'], soname: 'libq.so.0' });
  });

  it('a static executable has no needs; an object file is not looked into', () => {
    const s = readElf(buildElf({ type: 2, staticLink: true }));
    expect(s.ok && s.elf).toMatchObject({ type: 'exec', interpreter: null, needed: [] });
    const o = readElf(buildElf({ type: 1, needed: ['libc.so.6'] }));
    expect(o.ok && o.elf).toMatchObject({ type: 'rel', needed: [] });
  });

  it('says why a file is not ELF or is cut short instead of throwing', () => {
    expect(readElf(Buffer.from('#!/bin/sh\necho hi\n'.padEnd(80)))).toEqual({ ok: false, problem: 'not an ELF file' });
    const full = buildElf({ needed: ['libfoo.so.1'] });
    const cut = readElf(full.subarray(0, full.length - 20));
    expect(cut.ok).toBe(false);
    expect(!cut.ok && cut.problem).toMatch(/truncated or malformed ELF/);
    const badClass = Buffer.from(full);
    badClass[4] = 7;
    expect(readElf(badClass)).toEqual({ ok: false, problem: 'unknown ELF class 7' });
    expect(isElf(full.subarray(0, 4))).toBe(true);
    expect(isElf(Buffer.from('MZ\0\0'))).toBe(false);
  });

  it('reads a real dynamically linked executable of this machine (the node binary)', () => {
    const read = readElf(readFileSync(process.execPath));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.elf.interpreter).toMatch(/ld-(linux|musl)/);
    expect(read.elf.needed.some((n) => /^libc\.so|^libc\.musl/.test(n))).toBe(true);
    expect(read.elf.class).toBe(process.arch === 'x64' || process.arch === 'arm64' ? 64 : 32);
  });
});
