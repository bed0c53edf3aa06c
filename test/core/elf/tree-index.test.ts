import { describe, expect, it } from 'vitest';
import { normalizePath, TreeIndex } from '../../../src/core/elf/tree-index.js';

describe('TreeIndex', () => {
  const file = { kind: 'file' as const, size: 1, elf: null };

  it('resolves absolute and relative links inside the tree, through linked folders', () => {
    const t = new TreeIndex();
    t.add('/usr/lib64/libfoo.so.1.0', file);
    t.add('/usr/lib64/libfoo.so.1', { kind: 'symlink', target: 'libfoo.so.1.0' });
    t.add('/lib64', { kind: 'symlink', target: 'usr/lib64' });
    t.add('/lib', { kind: 'symlink', target: '/usr/lib64/../lib64' });
    expect(t.resolve('/lib64/libfoo.so.1')).toBe('/usr/lib64/libfoo.so.1.0');
    expect(t.resolve('/lib/libfoo.so.1')).toBe('/usr/lib64/libfoo.so.1.0');
    expect(t.lookup('/lib64/libfoo.so.1')?.node.kind).toBe('file');
    // Parents were added as folders.
    expect(t.get('/usr')).toEqual({ kind: 'dir' });
  });

  it('returns null for dangling links, loops and paths through files', () => {
    const t = new TreeIndex();
    t.add('/a', { kind: 'symlink', target: '/b' });
    t.add('/b', { kind: 'symlink', target: '/a' });
    t.add('/c', { kind: 'symlink', target: '/nowhere' });
    t.add('/f', file);
    expect(t.resolve('/a')).toBeNull();
    expect(t.resolve('/c')).toBeNull();
    expect(t.resolve('/f/x')).toBeNull();
    expect(normalizePath('//usr/./lib/../lib64/')).toBe('/usr/lib64');
  });
});
