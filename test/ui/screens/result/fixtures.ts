// Inspected images for the Result screen's tests, made by the real core from layer descriptions:
// a commit-mode image on a two-layer base, the previous build of its recipe, and a huge tree.
import { buildInspection, type BuildFacts } from '../../../../src/core/inspect/inspection.js';
import { layerEntry } from '../../../../src/core/inspect/layer-stack.js';
import type { LayerFiles } from '../../../../src/core/inspect/layer-types.js';
import type { ImageDetails } from '../../../../src/engine/docker/index.js';
import type { BuildFolder } from '../../../../src/engine/inspect/build-lookup.js';
import type { InspectedImage } from '../../../../src/engine/inspect/inspect-image.js';
import { contents, layer, vdbFiles, type Item } from '../../../core/inspect/layers.js';

export const BASE_ID = `sha256:${'b'.repeat(64)}`;
export const WEB_ID = `sha256:${'1'.repeat(64)}`;
export const PREV_ID = `sha256:${'2'.repeat(64)}`;
export const OTHER_ID = `sha256:${'3'.repeat(64)}`;

function pkg(cpv: string, files: [string, number][], keys: Record<string, string> = {}): { items: Item[]; captured: Record<string, string> } {
  return {
    items: files.map(([p, s]) => [p, s] as Item),
    captured: vdbFiles(cpv, { CONTENTS: contents(...files.map(([f]) => f)), SLOT: '0', repository: 'gentoo', LICENSE: 'MIT', USE: 'amd64 ssl', IUSE: 'ssl http2', ...keys }),
  };
}

function merge(parts: { items: Item[]; captured: Record<string, string> }[]): { items: Item[]; captured: Record<string, string> } {
  return { items: parts.flatMap((p) => p.items), captured: Object.assign({}, ...parts.map((p) => p.captured)) as Record<string, string> };
}

const baseLayers = (): LayerFiles[] => {
  const sys = merge([pkg('sys-libs/glibc-2.40-r5', [['/usr/lib64/libc.so.6', 2_000_000]]), pkg('app-shells/bash-5.2_p37', [['/bin/bash', 1_500_000]])]);
  return [
    layer(0, [['/usr', 'dir'], ['/usr/lib64', 'dir'], ['/bin', 'dir'], ['/usr/bin', 'dir'], ['/var', 'dir'], ['/var/cache', 'dir'], ['/var/cache/junk', 700_000], ...sys.items], sys.captured),
    layer(1, [['/etc', 'dir'], ['/etc/portage', 'dir'], ['/etc/portage/make.conf', 1000]]),
  ];
};

function details(id: string, tags: string[], size: number): ImageDetails {
  return { id, tags, digests: [], size, created: '2026-01-02T00:00:00Z', labels: {}, config: {}, layers: [], architecture: 'amd64', os: 'linux', author: '', comment: '' };
}

const BUILD_FACTS: BuildFacts = {
  id: 'b-20260102-abcd', recipeName: 'web', recipeHash: 'f'.repeat(64), mode: 'commit', status: 'succeeded', createdAt: 0,
  smokeTest: { argv: ['/usr/bin/curl', '--version'], exitCode: 0, ok: true, output: 'curl 8.10.1 (x86_64-pc-linux-gnu)\nRelease-Date: 2024-09-18\n' },
  notes: ['Size: 431.2 MB before trimming and flattening, 212.0 MB after (51 % less)'],
};

function inspected(id: string, tags: string[], extra: LayerFiles[], createdBy: string, withBuild: boolean): InspectedImage {
  const layers = [...baseLayers(), ...extra.map((l, i) => ({ ...l, index: 2 + i, createdBy }))];
  const inspection = buildInspection({
    image: { id, tags, created: '2026-01-02T00:00:00Z', labels: {}, architecture: 'amd64', engineSize: null, entrypoint: ['/usr/bin/curl'], cmd: [] },
    layers,
    base: { ref: 'gentoo/stage3:latest', id: BASE_ID, sharedLayers: 2 },
    recordedDb: null,
    build: withBuild ? BUILD_FACTS : null,
  });
  const build = withBuild ? ({ id: BUILD_FACTS.id, recipe: { name: 'web' } } as unknown as BuildFolder) : null;
  return { inspection, details: details(id, tags, inspection.size), build, notes: [] };
}

/**
 * The image the last build made: curl + nghttp2 + hello on the base, /var/cache/junk removed. Like a
 * committed container's layer, it carries an opaque marker on a directory that is new in it.
 */
export function webImage(): InspectedImage {
  const added = merge([
    pkg('net-misc/curl-8.10.1', [['/usr/bin/curl', 300_000], ['/usr/lib64/libcurl.so.4', 800_000]], { USE: 'amd64 http2 ssl', LICENSE: 'curl' }),
    pkg('net-libs/nghttp2-1.62.1', [['/usr/lib64/libnghttp2.so.14', 200_000]]),
    pkg('app-misc/hello-2.12.1', [['/usr/bin/hello', 90_000]], { LICENSE: 'GPL-3+' }),
  ]);
  return inspected(WEB_ID, ['example/web:1'], [layer(2, [...added.items, ['/var/cache/junk', 'wh'], ['/var/db/pkg/net-misc/curl-8.10.1', 'opq']], added.captured)], 'gentoo-wb build b-20260102-abcd: emerge net-misc/curl app-misc/hello', true);
}

/** The previous build of the same recipe: curl without http2, no nghttp2. */
export function previousImage(): InspectedImage {
  const added = merge([
    pkg('net-misc/curl-8.9.0', [['/usr/bin/curl', 290_000], ['/usr/lib64/libcurl.so.4', 760_000]], { LICENSE: 'curl' }),
    pkg('app-misc/hello-2.12.1', [['/usr/bin/hello', 90_000]], { LICENSE: 'GPL-3+' }),
  ]);
  return inspected(PREV_ID, ['example/web:0'], [layer(2, added.items, added.captured)], 'gentoo-wb build b-20260101-0000: emerge net-misc/curl app-misc/hello', true);
}

/** An image with `count` files in one directory (/data) and a few elsewhere. */
export function hugeImage(count: number): InspectedImage {
  const entries = [layerEntry('/data', 'dir', 0, null), layerEntry('/etc', 'dir', 0, null), layerEntry('/etc/hosts', 'file', 100, null)];
  for (let i = 0; i < count; i++) entries.push(layerEntry(`/data/f${String(i).padStart(6, '0')}`, 'file', 1 + (i % 977), null));
  const inspection = buildInspection({
    image: { id: OTHER_ID, tags: ['example/huge:1'], created: '', labels: {}, architecture: 'amd64', engineSize: null, entrypoint: [], cmd: [] },
    layers: [{ index: 0, diffId: null, createdBy: 'import', created: '', entries, captured: new Map() }],
    base: null, recordedDb: null, build: null,
  });
  return { inspection, details: details(OTHER_ID, ['example/huge:1'], inspection.size), build: null, notes: [] };
}
