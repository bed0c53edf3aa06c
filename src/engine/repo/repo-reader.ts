// Flag descriptions from the tree the build will use, cached in memory per tree (image ID or host
// path): the first look costs a container and a few archive downloads, the next ones nothing.
import type Dockerode from 'dockerode';
import { parseAtom } from '../../core/portage/atom-parser.js';
import type { PortageSource } from '../../core/recipe/recipe-schema.js';
import type { DownloadedEntry } from '../docker/index.js';
import { packageFlagsFrom, treeFlagsFrom } from './flag-catalogue.js';
import type { PackageFlags, TreeFlags } from './flag-types.js';
import { bestVersion, ebuildIuse, ebuildKeywords, ebuildVersions, md5CacheIuse } from './iuse.js';
import { locateTree, type TreeHandle } from './tree-source.js';

export interface RepoReader {
  /** The flags make.conf USE can set, with descriptions. */
  treeFlags(source: PortageSource, baseImage: string | null): Promise<TreeFlags>;
  /** One package's IUSE with descriptions (the newest version the atom selects). */
  packageFlags(source: PortageSource, baseImage: string | null, atom: string): Promise<PackageFlags>;
}

type Fetch = (path: string, maxBytes?: number) => Promise<DownloadedEntry[] | null>;

async function fetchText(fetch: Fetch, path: string): Promise<string | null> {
  const entries = await fetch(path);
  const file = entries?.find((e) => e.type === 'file');
  return file?.content ? file.content.toString('utf8') : null;
}

async function readTreeFlags(tree: TreeHandle): Promise<TreeFlags> {
  return tree.read(async (fetch) => {
    const [useDesc, localDesc] = await Promise.all([fetchText(fetch, `${tree.repoPath}/profiles/use.desc`), fetchText(fetch, `${tree.repoPath}/profiles/use.local.desc`)]);
    const flags = treeFlagsFrom(tree.label, useDesc, localDesc);
    if (useDesc === null && localDesc === null) return { ...flags, problem: `${tree.label} has no profiles/use.desc: it holds no ebuild repository` };
    return flags;
  });
}

async function readPackageFlags(tree: TreeHandle, treeFlags: TreeFlags, atomText: string): Promise<PackageFlags> {
  const parsed = parseAtom(atomText);
  if (!parsed.ok || parsed.atom.kind !== 'package') {
    return { cp: atomText, version: null, flags: [], problem: parsed.ok ? `${atomText} is a set, not a package` : `"${atomText}" is not a valid atom: ${parsed.error.message}` };
  }
  const atom = parsed.atom;
  const cp = `${atom.category}/${atom.name}`;
  return tree.read(async (fetch) => {
    const entries = await fetch(`${tree.repoPath}/${cp}`);
    if (entries === null) return { cp, version: null, flags: [], problem: `${cp} is not in ${treeFlags.source}` };
    const files = new Map(entries.filter((e) => e.type === 'file' && e.content).map((e) => [e.path.split('/').slice(1).join('/'), e.content!.toString('utf8')]));
    const ebuild = (v: string) => files.get(`${atom.name}-${v}.ebuild`) ?? '';
    const version = bestVersion(atom, ebuildVersions(atom.name, [...files.keys()]), (v) => ebuildKeywords(ebuild(v)));
    if (version === null) return { cp, version: null, flags: [], problem: `${cp} has no ebuilds in ${treeFlags.source}` };
    const cache = await fetchText(fetch, `${tree.repoPath}/metadata/md5-cache/${cp}-${version}`);
    const iuse = (cache !== null ? md5CacheIuse(cache) : null) ?? ebuildIuse(ebuild(version));
    return packageFlagsFrom(treeFlags, cp, version, iuse, files.get('metadata.xml') ?? null);
  });
}

/** A reader with its own cache (one per engine connection). */
export function createRepoReader(docker: Dockerode): RepoReader {
  const trees = new Map<string, Promise<TreeFlags>>();
  const packages = new Map<string, Promise<PackageFlags>>();
  // A failed read is not cached: the user may fix the cause (pull the snapshot) and look again.
  const remember = <T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit) return hit;
    const promise = make();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
    return promise;
  };
  const flagsOf = (tree: TreeHandle) => remember(trees, tree.key, () => readTreeFlags(tree));
  return {
    async treeFlags(source, baseImage) {
      return flagsOf(await locateTree(docker, source, baseImage));
    },
    async packageFlags(source, baseImage, atom) {
      const tree = await locateTree(docker, source, baseImage);
      const treeFlags = await flagsOf(tree);
      return remember(packages, `${tree.key}\0${atom}`, () => readPackageFlags(tree, treeFlags, atom));
    },
  };
}
