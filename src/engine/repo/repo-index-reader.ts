// The package index of the tree a recipe builds with, read cheaply and cached per tree identity
// (the snapshot's or base's image ID, or the host path) and base: one container created from the
// base and never started, three archive streams read side by side (the make.profile link, the
// profile files, metadata/md5-cache), and the parsing done in core.
import path from 'node:path/posix';
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { parseMd5Cache } from '../../core/portage/repo-index/md5-cache.js';
import { buildRepoIndex } from '../../core/portage/repo-index/repo-index.js';
import type { CacheEntry, RepoIndex } from '../../core/portage/repo-index/repo-index-types.js';
import type { PortageSource } from '../../core/recipe/recipe-schema.js';
import { appVersion } from '../app-info.js';
import { createContainer, downloadPath, EngineError, ensurePortageSnapshot, inspectImage, removeContainer, type ImageDetails } from '../docker/index.js';
import { walkArchive } from './archive-walk.js';
import { REPO_PATH, treeMountsFor } from './tree-source.js';

/** An index and what it could not judge. */
export interface TreeIndex {
  index: RepoIndex;
  /** Why keywords and masks are not checked (no profile found), or null. */
  note: string | null;
}

export interface RepoIndexReader {
  /** The index of `source` as seen from `baseImage` (whose make.profile chooses the profile). */
  read(source: PortageSource, baseImage: string | null): Promise<TreeIndex>;
}

const PROFILE_LINK = '/etc/portage/make.profile';
const PROFILE_FILES = new Set(['parent', 'make.defaults', 'package.mask']);

type Entries = { cpf: string; entry: CacheEntry }[];

interface Located {
  treeKey: string;
  label: string;
  repoPath: string;
  base: ImageDetails | null;
  /** Why the base cannot give a profile, when it cannot. */
  baseProblem: string | null;
  /** Container to read when there is no base: the snapshot container itself. */
  snapshotContainer: string | null;
  volumesFrom: string[];
}

async function inspectBase(docker: Dockerode, baseImage: string | null): Promise<{ base: ImageDetails | null; problem: string | null }> {
  if (baseImage === null) return { base: null, problem: 'no base image is chosen' };
  try {
    return { base: await inspectImage(docker, baseImage), problem: null };
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'image-not-found') return { base: null, problem: `the base image ${baseImage} is not here` };
    throw err;
  }
}

async function locate(docker: Dockerode, source: PortageSource, baseImage: string | null): Promise<Located> {
  const { base, problem } = await inspectBase(docker, baseImage);
  if (source.source === 'snapshot') {
    const snapshot = await ensurePortageSnapshot(docker, { image: source.image, toolVersion: appVersion() });
    return {
      treeKey: `snapshot:${snapshot.imageId}`, label: `snapshot ${source.image}`, repoPath: snapshot.repoPath,
      base, baseProblem: problem, snapshotContainer: snapshot.containerId, volumesFrom: [snapshot.volumesFrom],
    };
  }
  if (base === null) {
    const what = source.source === 'host' ? `the host repository ${source.path} is read through a container from the base` : 'the tree is the base image\'s own';
    throw new EngineError(baseImage === null ? 'bad-request' : 'image-not-found', `cannot read the tree: ${problem} (${what})`, baseImage === null ? 'choose a base first' : `pull or import ${baseImage} first, or check with --offline`);
  }
  return {
    treeKey: source.source === 'host' ? `host:${source.path}` : `base:${base.id}`,
    label: source.source === 'host' ? `host repository ${source.path}` : `the tree in ${baseImage}`,
    repoPath: REPO_PATH, base, baseProblem: null, snapshotContainer: null, volumesFrom: [],
  };
}

/** The profile under `repoPath`/profiles that the make.profile link names, or why there is none. */
async function readProfileLink(docker: Dockerode, id: string, repoPath: string): Promise<{ profile: string | null; note: string | null }> {
  let entries;
  try {
    entries = await downloadPath(docker, id, PROFILE_LINK, { maxBytes: 64 * 1024 });
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'not-found') return { profile: null, note: `the base has no ${PROFILE_LINK}` };
    throw err;
  }
  const top = entries[0];
  if (top?.type !== 'symlink' || !top.linkTarget) return { profile: null, note: `${PROFILE_LINK} in the base is not a link into the repository` };
  const target = path.resolve(path.dirname(PROFILE_LINK), top.linkTarget);
  const prefix = `${repoPath}/profiles/`;
  if (!target.startsWith(prefix)) return { profile: null, note: `${PROFILE_LINK} points outside ${repoPath} (${target})` };
  return { profile: target.slice(prefix.length), note: null };
}

async function readProfileFiles(docker: Dockerode, id: string, repoPath: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await walkArchive(docker, id, `${repoPath}/profiles`, {
    want: (p) => PROFILE_FILES.has(path.basename(p)) || path.basename(path.dirname(p)) === 'package.mask',
    // Paths arrive as profiles/…: keep them relative to profiles/.
    file: (p, content) => files.set(p.split('/').slice(1).join('/'), content.toString('utf8')),
    maxFileBytes: 8 * 1024 * 1024,
  });
  return files;
}

async function readCache(docker: Dockerode, id: string, label: string, repoPath: string): Promise<Entries> {
  const entries: Entries = [];
  const found = await walkArchive(docker, id, `${repoPath}/metadata/md5-cache`, {
    want: (p) => p.split('/').length === 3 && !path.basename(p).startsWith('.'),
    file: (p, content) => entries.push({ cpf: p.slice(p.indexOf('/') + 1), entry: parseMd5Cache(content.toString('utf8')) }),
  });
  if (!found || entries.length === 0) {
    throw new EngineError('not-found', `${label} has no metadata/md5-cache, so its packages cannot be listed`, 'generate it with `egencache --update --repo gentoo` (snapshots and emerge --sync trees have it), or check with --offline');
  }
  return entries;
}

async function readIndex(docker: Dockerode, source: PortageSource, at: Located): Promise<TreeIndex> {
  let id = at.snapshotContainer!;
  let own = false;
  if (at.base !== null) {
    id = await createContainer(docker, {
      image: at.base.id,
      cmd: ['/bin/true'],
      network: 'none',
      volumesFrom: at.volumesFrom,
      mounts: source.source === 'host' ? (await treeMountsFor(docker, source)).mounts : [],
      labels: gentooWbLabels({ version: appVersion(), role: 'probe', sourceImage: at.base.id }),
    });
    own = true;
  }
  try {
    const [link, profileFiles, entries] = await Promise.all([
      at.base !== null ? readProfileLink(docker, id, at.repoPath) : Promise.resolve({ profile: null, note: at.baseProblem }),
      readProfileFiles(docker, id, at.repoPath),
      readCache(docker, id, at.label, at.repoPath),
    ]);
    const index = buildRepoIndex({ source: at.label, entries, profile: link.profile, profileFiles });
    const note = link.note !== null ? `${link.note}: keywords and profile masks are not checked` : index.arch === null ? `the profile ${link.profile} sets no ARCH: keywords are not checked` : null;
    return { index, note };
  } finally {
    if (own) await removeContainer(docker, id, { force: true }).catch(() => undefined);
  }
}

/** A reader with its own in-memory cache (one per engine connection); failures are not cached. */
export function createRepoIndexReader(docker: Dockerode): RepoIndexReader {
  const cache = new Map<string, Promise<TreeIndex>>();
  return {
    async read(source, baseImage) {
      const at = await locate(docker, source, baseImage);
      const key = `${at.treeKey}\0${at.base?.id ?? ''}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const promise = readIndex(docker, source, at);
      cache.set(key, promise);
      promise.catch(() => cache.delete(key));
      return promise;
    },
  };
}
