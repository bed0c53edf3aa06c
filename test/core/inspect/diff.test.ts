// Diffs between two inspected images, and the base image's view from the shared layers.
import { describe, expect, it } from 'vitest';
import { basePrefixView, diffViews, viewOf } from '../../../src/core/inspect/diff.js';
import { buildInspection } from '../../../src/core/inspect/inspection.js';
import { contents, FACTS, layer, vdbFiles, type Item } from './layers.js';

function image(id: string, packages: { cpv: string; files: [string, number][]; use?: string; slot?: string }[], extra: Item[] = []) {
  const items: Item[] = [['/usr', 'dir'], ['/usr/bin', 'dir'], ['/usr/lib', 'dir'], ...extra];
  const captured: Record<string, string> = {};
  for (const p of packages) {
    for (const [path, size] of p.files) items.push([path, size]);
    Object.assign(captured, vdbFiles(p.cpv, { CONTENTS: contents(...p.files.map(([f]) => f)), USE: p.use ?? '', IUSE: 'ssl http2 nls', SLOT: p.slot ?? '0' }));
  }
  return buildInspection({ image: { ...FACTS, id }, layers: [layer(0, items, captured)], base: null, recordedDb: null, build: null });
}

describe('diffViews', () => {
  const before = image('sha256:a', [
    { cpv: 'app-misc/hello-2.12', files: [['/usr/bin/hello', 100]] },
    { cpv: 'net-misc/curl-8.9.0', files: [['/usr/bin/curl', 500], ['/usr/lib/libcurl.so', 1500]], use: 'ssl' },
    { cpv: 'dev-lang/python-3.11.9', files: [['/usr/bin/python3.11', 700]], slot: '3.11' },
    { cpv: 'app-misc/gone-1', files: [['/usr/bin/gone', 30]] },
  ]);
  const after = image('sha256:b', [
    { cpv: 'app-misc/hello-2.12', files: [['/usr/bin/hello', 100]] },
    { cpv: 'net-misc/curl-8.10.1', files: [['/usr/bin/curl', 520], ['/usr/lib/libcurl.so', 1600]], use: 'ssl http2' },
    { cpv: 'dev-lang/python-3.11.9', files: [['/usr/bin/python3.11', 700]], slot: '3.11' },
    { cpv: 'dev-lang/python-3.12.5', files: [['/usr/bin/python3.12', 800]], slot: '3.12' },
    { cpv: 'net-libs/nghttp2-1.62', files: [['/usr/lib/libnghttp2.so', 400]] },
  ]);

  it('names added, removed and changed packages with their deltas', () => {
    const d = diffViews(viewOf(before, 'previous'), viewOf(after, 'this'));
    expect(d.added.map((p) => [p.key, p.after?.cpv, p.delta])).toEqual([['dev-lang/python:3.12', 'dev-lang/python-3.12.5', 800], ['net-libs/nghttp2', 'net-libs/nghttp2-1.62', 400]]);
    expect(d.removed.map((p) => [p.key, p.delta])).toEqual([['app-misc/gone', -30]]);
    expect(d.changed).toEqual([{
      key: 'net-misc/curl', kind: 'changed', delta: 120, reasons: ['version', 'use', 'size'],
      before: { cpv: 'net-misc/curl-8.9.0', version: '8.9.0', size: 2000, use: ['ssl'] },
      after: { cpv: 'net-misc/curl-8.10.1', version: '8.10.1', size: 2120, use: ['ssl', 'http2'] },
    }]);
    expect(d.unchanged).toBe(2);
  });

  it('gives the total delta in bytes and percent, and the directories that grew most', () => {
    const d = diffViews(viewOf(before, 'previous'), viewOf(after, 'this'));
    expect(d.delta).toBe(after.size - before.size);
    expect(d.percent).toBeCloseTo(((after.size - before.size) / before.size) * 100, 10);
    expect(d.grew[0]).toMatchObject({ path: '/usr', delta: 800 + 400 + 120 - 30 });
    // The package database grew too (it is part of the image).
    expect(d.grew.map((g) => g.path).filter((p) => p.startsWith('/usr'))).toEqual(['/usr', '/usr/bin', '/usr/lib']);
    expect(d.grew.map((g) => g.path)).toContain('/var/db/pkg');
    expect(d.shrank).toEqual([]);
  });

  it('a diff of an image with itself is empty', () => {
    const d = diffViews(viewOf(after, 'a'), viewOf(after, 'b'));
    expect([d.added, d.removed, d.changed, d.grew, d.shrank, d.delta]).toEqual([[], [], [], [], [], 0]);
  });

  it('has no percent against an empty image', () => {
    const empty = image('sha256:e', []);
    expect(diffViews(viewOf(empty, 'e'), viewOf(after, 'a')).percent).toBeNull();
  });
});

describe('basePrefixView', () => {
  it('is the base image as its own layers show it: packages and size of the shared prefix', () => {
    const layers = [
      layer(0, [['/usr', 'dir'], ['/usr/bin', 'dir'], ['/usr/bin/sh', 50]], vdbFiles('app-shells/bash-5.2', { CONTENTS: contents('/usr/bin/sh') })),
      layer(1, [['/usr/bin/hello', 100]], vdbFiles('app-misc/hello-2.12', { CONTENTS: contents('/usr/bin/hello') })),
    ];
    const ins = buildInspection({ image: FACTS, layers, base: { ref: 'stage3', id: 'sha256:base', sharedLayers: 1 }, recordedDb: null, build: null });
    const base = basePrefixView(ins)!;
    expect(base.label).toBe('base stage3');
    expect(base.packages.map((p) => p.cpv)).toEqual(['app-shells/bash-5.2']);
    expect(base.size).toBe(ins.layers[0]!.size);
    const d = diffViews(base, viewOf(ins, 'this'));
    expect(d.added.map((p) => [p.key, p.delta])).toEqual([['app-misc/hello', 100]]);
    expect(d.removed).toEqual([]);
  });

  it('is null when the image shares no layer with its base (scratch)', () => {
    const ins = buildInspection({ image: FACTS, layers: [layer(0, [['/a', 1]])], base: { ref: 'stage3', id: null, sharedLayers: 0 }, recordedDb: null, build: null });
    expect(basePrefixView(ins)).toBeNull();
  });
});
