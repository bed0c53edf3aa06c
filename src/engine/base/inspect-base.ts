// What a base image is, read from a short-lived labelled container: profile, CHOST, CFLAGS, Portage
// version, installed packages and the C library's files (scratch images copy exactly those).
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { parseEmergeInfo } from '../../core/portage/emerge-info/emerge-info-parser.js';
import { ownedFiles, parseContents } from '../../core/vdb/contents.js';
import { appVersion } from '../app-info.js';
import { downloadPath, inspectImage, runToEnd, type DownloadedEntry, type MountSpec } from '../docker/index.js';

export interface BaseInfo {
  imageId: string;
  /** Repo digest when the image came from a registry. */
  digest: string | null;
  profile: string | null;
  chost: string | null;
  cflags: string | null;
  /** USE as emerge --info prints it (profile defaults plus the base's make.conf); optional for older callers' fakes. */
  use?: string[];
  portageVersion: string | null;
  /** cat/pf of every installed package. */
  installed: string[];
  libcPackage: string | null;
  libcFiles: string[];
  /** emerge --info exited non-zero (e.g. no repository): its last lines. */
  infoProblem: string | null;
}

export interface InspectBaseOptions {
  /** The tree source for emerge --info (VolumesFrom of the snapshot, or a bind). */
  volumesFrom?: string[];
  mounts?: MountSpec[];
}

const LIBC_PACKAGES = /^sys-libs\/(glibc|musl)-\d/;

/** Run `emerge --info` in a throwaway container from `image` and read its package database. */
export async function inspectBase(docker: Dockerode, image: string, options: InspectBaseOptions = {}): Promise<BaseInfo> {
  const details = await inspectImage(docker, image);
  let vdb: DownloadedEntry[] = [];
  const run = await runToEnd(docker, {
    image: details.id,
    cmd: ['emerge', '--info'],
    env: { NOCOLOR: 'true' },
    labels: gentooWbLabels({ version: appVersion(), role: 'probe', sourceImage: details.id }),
    network: 'none',
    ...(options.volumesFrom ? { volumesFrom: options.volumesFrom } : {}),
    ...(options.mounts ? { mounts: options.mounts } : {}),
  }, { beforeRemove: async (id) => { vdb = await downloadPath(docker, id, '/var/db/pkg', { maxBytes: 512 * 1024 * 1024 }); } });
  const text = run.output;
  const info = parseEmergeInfo(text);
  const installed = new Set<string>();
  let libcPackage: string | null = null;
  let libcFiles: string[] = [];
  for (const entry of vdb) {
    // Entries are pkg/CAT/PF/FILE.
    const parts = entry.path.split('/');
    if (parts.length < 3 || parts[1]!.startsWith('.')) continue;
    const cpf = `${parts[1]}/${parts[2]}`;
    if (entry.type === 'directory' && parts.length === 3) installed.add(cpf);
    if (parts[3] === 'CONTENTS' && entry.content && LIBC_PACKAGES.test(cpf)) {
      libcPackage = cpf;
      libcFiles = ownedFiles(parseContents(entry.content.toString('utf8')));
    }
  }
  return {
    imageId: details.id,
    digest: details.digests[0]?.split('@')[1] ?? null,
    profile: info.profile,
    chost: info.chost,
    cflags: info.cflags,
    use: info.use,
    portageVersion: info.portageVersion,
    installed: [...installed].sort(),
    libcPackage,
    libcFiles,
    infoProblem: run.exitCode === 0 ? null : text.trim().split('\n').slice(-3).join('\n') || `emerge --info exited with ${run.exitCode}`,
  };
}
