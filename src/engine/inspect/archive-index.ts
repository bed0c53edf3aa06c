// Which members of an image archive are the config and the layers, in order. Two layouts exist:
// Docker's legacy one (manifest.json naming `<id>.json` and `<dir>/layer.tar`) and the OCI image
// layout (index.json → manifest → config and layer blobs under blobs/sha256/), which newer engines
// write — often with a legacy manifest.json beside it pointing into blobs/.
import { EngineError } from '../docker/errors.js';

export type ArchiveLayout = 'docker' | 'oci';

export interface ArchiveIndex {
  layout: ArchiveLayout;
  /** Member holding the image config. */
  config: string;
  /** Members holding the layers, bottom first. */
  layers: string[];
  repoTags: string[];
}

/** What the reader kept: small JSON members by name. */
export type JsonMembers = ReadonlyMap<string, Buffer>;

function parse(bytes: Buffer | undefined, name: string): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new EngineError('bad-request', `the image archive's ${name} is not valid JSON`, 'save the image again; the archive may be truncated');
  }
}

function blobName(digest: unknown): string | null {
  if (typeof digest !== 'string') return null;
  const m = /^([a-z0-9]+):([a-f0-9]+)$/.exec(digest);
  return m ? `blobs/${m[1]}/${m[2]}` : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  annotations?: Record<string, string>;
}

/** Follow an OCI index (possibly nested) to the first image manifest. */
function ociManifest(members: JsonMembers, start: unknown, tags: string[], depth = 0): { config: string; layers: string[] } {
  const doc = start as { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] } | undefined;
  if (doc?.config && Array.isArray(doc.layers)) {
    const config = blobName(doc.config.digest);
    const layers = doc.layers.map((l) => blobName(l.digest));
    if (!config || layers.some((l) => l === null)) throw new EngineError('bad-request', 'the OCI manifest in the image archive has malformed digests', 'save the image again');
    return { config, layers: layers as string[] };
  }
  const first = doc?.manifests?.[0];
  if (!first || depth > 4) throw new EngineError('bad-request', 'the image archive has an index.json without an image manifest', 'save one image per archive (docker save IMAGE)');
  const name = first.annotations?.['io.containerd.image.name'];
  if (name && !tags.includes(name)) tags.push(name);
  const member = blobName(first.digest);
  const next = member ? parse(members.get(member), member) : undefined;
  if (next === undefined) throw new EngineError('bad-request', `the image archive lacks the manifest blob ${first.digest ?? '?'}`, 'save the image again; the archive may be truncated');
  return ociManifest(members, next, tags, depth + 1);
}

/** Resolve the archive's config and layer members from its index files. */
export function resolveArchiveIndex(members: JsonMembers): ArchiveIndex {
  const manifest = parse(members.get('manifest.json'), 'manifest.json');
  const index = parse(members.get('index.json'), 'index.json');
  if (Array.isArray(manifest) && manifest.length > 0) {
    const first = manifest[0] as { Config?: unknown; Layers?: unknown; RepoTags?: unknown };
    if (typeof first.Config === 'string' && Array.isArray(first.Layers)) {
      return { layout: index === undefined ? 'docker' : 'oci', config: first.Config, layers: strings(first.Layers), repoTags: strings(first.RepoTags) };
    }
  }
  if (index !== undefined) {
    const tags: string[] = [];
    const found = ociManifest(members, index, tags);
    return { layout: 'oci', ...found, repoTags: tags };
  }
  throw new EngineError('bad-request', 'this is not an image archive: it has neither manifest.json nor index.json', 'give a file written by docker save, podman save or gentoo-wb export');
}

/** The parts of an image config the inspection uses. */
export interface ConfigFacts {
  diffIds: string[];
  /** created_by of each history step that made a layer, in layer order. */
  layerHistory: { createdBy: string; created: string }[];
  created: string;
  architecture: string;
  labels: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
}

/** Read the facts we use from an image config document. */
export function configFacts(config: unknown): ConfigFacts {
  const c = (config ?? {}) as {
    rootfs?: { diff_ids?: unknown };
    history?: { created?: string; created_by?: string; empty_layer?: boolean }[];
    created?: string;
    architecture?: string;
    config?: { Labels?: Record<string, string> | null; Entrypoint?: unknown; Cmd?: unknown } | null;
  };
  const history = Array.isArray(c.history) ? c.history : [];
  return {
    diffIds: strings(c.rootfs?.diff_ids),
    layerHistory: history.filter((h) => h.empty_layer !== true).map((h) => ({ createdBy: h.created_by ?? '', created: h.created ?? '' })),
    created: c.created ?? '',
    architecture: c.architecture ?? '',
    labels: c.config?.Labels ?? {},
    entrypoint: strings(c.config?.Entrypoint),
    cmd: strings(c.config?.Cmd),
  };
}
