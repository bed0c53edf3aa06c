// The files an engine puts into every container (Docker's "init layer": /.dockerenv, /dev/console,
// empty /etc/hostname, /etc/hosts and /etc/resolv.conf with mode 0755, /etc/mtab -> /proc/mounts).
// Docker writes them over the image's own, so a container export carries the engine's versions.
// A flattened image must instead have what the image really had: its own bytes from its layers
// (read from the engine's image archive), or nothing where it had nothing.
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import * as tar from 'tar-stream';
import { MaybeDecompress } from '../inspect/maybe-decompress.js';
import { resolveArchiveIndex } from '../inspect/archive-index.js';
import { dialJson } from './dial.js';
import { EngineError, toEngineError } from './errors.js';
import { openImageArchive } from './save-load.js';
import { TarEntryFilter, tarPath, type TarEntryInfo } from './tar-entries.js';
import { shortId } from '../../core/format/short-id.js';

/** Paths (tar form, no leading slash) the engine creates in every container. */
const ENGINE_FILES: readonly string[] = ['.dockerenv', 'dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf', 'etc/mtab'];

const isEngineFile = (path: string) => ENGINE_FILES.includes(path);
/** A path the engine file lies under (or is): a change there decides about the file too. */
const covers = (path: string, file: string) => path === '' || file === path || file.startsWith(`${path}/`);

/** One layer's say about the engine-file paths: what it deletes from below, what it holds itself. */
interface LayerFinding {
  /** Paths (or folders) this layer hides from the layers below: whiteouts, opaque folders, a folder replaced by a file. */
  hides: { path: string; opaque: boolean }[];
  /** The layer's own entries at engine-file paths, as raw tar bytes. */
  holds: Map<string, Buffer>;
}

/** Read a layer's findings (whiteouts of `.wh.NAME`, `.wh..wh..opq`, and entries at the engine-file paths). */
function layerFindingFilter(): { filter: TarEntryFilter; finding: LayerFinding } {
  const finding: LayerFinding = { hides: [], holds: new Map() };
  const ancestors = new Set(ENGINE_FILES.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const filter = new TarEntryFilter({
    decide(entry: TarEntryInfo) {
      const slash = entry.path.lastIndexOf('/');
      const dir = slash < 0 ? '' : entry.path.slice(0, slash);
      const base = entry.path.slice(slash + 1);
      if (base === '.wh..wh..opq') finding.hides.push({ path: dir, opaque: true });
      else if (base.startsWith('.wh.')) finding.hides.push({ path: dir === '' ? base.slice(4) : `${dir}/${base.slice(4)}`, opaque: false });
      else if (ancestors.has(entry.path) && entry.type !== '5') finding.hides.push({ path: entry.path, opaque: false });
      return isEngineFile(entry.path) ? 'capture' : 'drop';
    },
    onCapture(entry, raw) {
      finding.holds.set(entry.path, raw);
    },
  });
  return { filter, finding };
}

/** The image's own entries at the engine-file paths, from its layers bottom first (pure). */
function mergeLayerFindings(layers: LayerFinding[]): Map<string, Buffer> {
  const own = new Map<string, Buffer>();
  for (const layer of layers) {
    // A layer's whiteouts hide what lies below it, never its own entries.
    for (const hide of layer.hides) {
      for (const file of [...own.keys()]) {
        if (hide.opaque ? covers(hide.path, file) && file !== hide.path : covers(hide.path, file)) own.delete(file);
      }
    }
    for (const [path, raw] of layer.holds) own.set(path, raw);
  }
  return own;
}

const cache = new Map<string, Promise<Map<string, Buffer>>>();

/**
 * The image's own versions of the engine-file paths (raw tar entries by path), read from the image
 * archive the engine writes. Only headers and these few small files are kept; the rest streams by.
 * Remembered per image ID for the life of the process.
 */
function imageOwnFiles(docker: Dockerode, imageId: string, signal?: AbortSignal): Promise<Map<string, Buffer>> {
  const known = cache.get(imageId);
  if (known) return known;
  const reading = readImageOwnFiles(docker, imageId, signal);
  cache.set(imageId, reading);
  reading.catch(() => cache.delete(imageId));
  return reading;
}

async function readImageOwnFiles(docker: Dockerode, imageId: string, signal?: AbortSignal): Promise<Map<string, Buffer>> {
  const archive = await openImageArchive(docker, [imageId], signal);
  const json = new Map<string, Buffer>();
  const findings = new Map<string, Promise<LayerFinding>>();
  const aliases = new Map<string, string>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = tarPath(header.name);
    // Docker names layers `<dir>/layer.tar` or OCI blobs, Podman `<digest>.tar`.
    const layerMember = name.endsWith('.tar') || name.startsWith('blobs/');
    if (header.type === 'symlink' && layerMember) {
      // Repeated layers are written once and linked.
      const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
      aliases.set(name, tarPath(`${dir}${header.linkname ?? ''}`.replace(/[^/]+\/\.\.\//g, '')));
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    if (name.endsWith('.json') || name === 'repositories' || name === 'oci-layout' || (name.startsWith('blobs/') && (header.size ?? 0) < 64 * 1024)) {
      // Small members may be JSON (OCI manifests and configs are blobs too); a small blob may also be a layer.
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        json.set(name, bytes);
        if (layerMember) findings.set(name, findingOf(bytes));
        next();
      });
      return;
    }
    if (!layerMember) {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    const { filter, finding } = layerFindingFilter();
    const done = pipeline(stream, new MaybeDecompress(), filter, devNull()).then(() => finding);
    done.catch(() => undefined);
    findings.set(name, done);
    done.then(() => next(), (err: Error) => next(err));
  });
  try {
    await pipeline(archive, extract as unknown as NodeJS.WritableStream, { signal });
  } catch (err) {
    archive.destroy();
    throw toEngineError(err, { action: `read the layers of ${shortId(imageId)} for its own /etc/hosts and the like` });
  }
  const index = resolveArchiveIndex(json);
  const layers: LayerFinding[] = [];
  for (const member of index.layers) {
    const finding = findings.get(aliases.get(member) ?? member) ?? findings.get(member);
    if (!finding) throw new EngineError('bad-request', `the image archive of ${shortId(imageId)} lacks layer ${member}`, 'try again; the engine may have changed the image meanwhile');
    layers.push(await finding);
  }
  return mergeLayerFindings(layers);
}

/** A small member that is a layer after all (a tiny or empty tar). */
async function findingOf(bytes: Buffer): Promise<LayerFinding> {
  const isTar = bytes.length >= 512 && (bytes.toString('latin1', 257, 262) === 'ustar' || bytes.subarray(0, 512).every((b) => b === 0));
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!isTar && !gzip) return { hides: [], holds: new Map() };
  const { filter, finding } = layerFindingFilter();
  await pipeline(Readable.from([bytes]), new MaybeDecompress(), filter, devNull());
  return finding;
}

/** A writable that swallows bytes: the filter's output is not wanted when scanning. */
function devNull(): Writable {
  return new Writable({ write: (_chunk, _enc, done) => done() });
}

/** What a container's own layer changed at the engine-file paths (Docker's `container diff`). */
async function containerChanges(docker: Dockerode, containerId: string): Promise<Map<string, 'changed' | 'deleted'>> {
  const out = new Map<string, 'changed' | 'deleted'>();
  let raw: unknown;
  try {
    raw = await dialJson<unknown>(docker, { method: 'GET', path: `/containers/${containerId}/changes` });
  } catch (err) {
    throw toEngineError(err, { action: `list the changes of container ${shortId(containerId)}`, notFound: 'container', subject: shortId(containerId) });
  }
  // No changes come back as JSON null, which the client may hand over as text.
  const list = Array.isArray(raw) ? (raw as { Path?: unknown; Kind?: unknown }[]) : [];
  for (const c of list) {
    if (typeof c.Path !== 'string') continue;
    const path = tarPath(c.Path);
    // Kind: 0 modified, 1 added, 2 deleted. A deleted folder takes the engine files under it along.
    for (const file of ENGINE_FILES) {
      if (c.Kind === 2 && covers(path, file)) out.set(file, 'deleted');
      else if (c.Kind !== 2 && path === file) out.set(file, 'changed');
    }
  }
  return out;
}

/**
 * A container's export with the engine's files taken out and the image's own put back: entries the
 * container itself changed stay as exported; the rest come from the image's layers, or not at all.
 */
export async function withoutEngineFiles(docker: Dockerode, containerId: string, imageId: string, exported: Readable, signal?: AbortSignal): Promise<Readable> {
  const changes = await containerChanges(docker, containerId);
  // Read alongside the export: the image's entries are only needed at the end of the stream.
  const own = imageOwnFiles(docker, imageId, signal);
  own.catch(() => undefined);
  const filter = new TarEntryFilter({
    decide: (entry) => (isEngineFile(entry.path) && changes.get(entry.path) !== 'changed' ? 'drop' : 'pass'),
    append: async () => {
      const files = await own;
      return ENGINE_FILES.filter((f) => !changes.has(f) && files.has(f)).map((f) => files.get(f)!);
    },
  });
  exported.on('error', (err: Error) => filter.destroy(err));
  return exported.pipe(filter);
}
