// Files of a base image read without running it: its own make.conf (which a build's make.conf is
// merged into) and where its make.profile link points. Each is read from a container that is created
// but never started, then removed.
import path from 'node:path';
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { createContainer, downloadPath, EngineError, removeContainer } from '../docker/index.js';

const MAKE_CONF_PATH = '/etc/portage/make.conf';

/**
 * The base image's own /etc/portage/make.conf text, or null when it has none. Read from a container
 * that is created but never started (no process runs; about as cheap as an inspect). A make.conf
 * folder reads as its files in name order, as Portage reads them; a symlink is followed.
 */
export async function readBaseMakeConf(docker: Dockerode, image: string): Promise<string | null> {
  const id = await unstartedContainer(docker, image, MAKE_CONF_PATH);
  try {
    let target = MAKE_CONF_PATH;
    for (let hops = 0; hops < 5; hops++) {
      let entries;
      try {
        entries = await downloadPath(docker, id, target, { maxBytes: 4 * 1024 * 1024 });
      } catch (err) {
        if (err instanceof EngineError && err.kind === 'not-found') return null;
        throw err;
      }
      const top = entries[0];
      if (!top) return null;
      if (top.type === 'symlink' && top.linkTarget) {
        target = path.posix.resolve(path.posix.dirname(target), top.linkTarget);
        continue;
      }
      if (top.type === 'file') return top.content?.toString('utf8') ?? '';
      if (top.type === 'directory') {
        const files = entries.filter((e) => e.type === 'file' && !path.posix.basename(e.path).startsWith('.')).sort((a, b) => a.path.localeCompare(b.path));
        return files.map((e) => e.content?.toString('utf8') ?? '').join('\n');
      }
      return null;
    }
    return null;
  } finally {
    await removeContainer(docker, id, { force: true }).catch(() => undefined);
  }
}

/** A container of `image` that is created but never started, to read files from. */
async function unstartedContainer(docker: Dockerode, image: string, reading: string): Promise<string> {
  try {
    return await createContainer(docker, {
      image,
      // Never started: the command only satisfies create for images without one.
      cmd: ['/bin/true'],
      network: 'none',
      labels: gentooWbLabels({ version: appVersion(), role: 'probe' }),
    });
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'image-not-found') {
      throw new EngineError('image-not-found', `cannot read ${reading} of the base image ${image}: the image is not here`, `pull or import ${image} first (the Base step, or docker pull), or choose another base`, { cause: err });
    }
    throw err;
  }
}

const MAKE_PROFILE_PATH = '/etc/portage/make.profile';

/**
 * Where the base's /etc/portage/make.profile link points (e.g.
 * `../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0/systemd`), or null when it is no link.
 * Gentoo's binhost URL is named after the profile's architecture and version.
 */
export async function readBaseProfile(docker: Dockerode, image: string): Promise<string | null> {
  const id = await unstartedContainer(docker, image, MAKE_PROFILE_PATH);
  try {
    let entries;
    try {
      entries = await downloadPath(docker, id, MAKE_PROFILE_PATH, { maxBytes: 64 * 1024 });
    } catch (err) {
      if (err instanceof EngineError && err.kind === 'not-found') return null;
      throw err;
    }
    const top = entries[0];
    return top?.type === 'symlink' && top.linkTarget ? top.linkTarget : null;
  } finally {
    await removeContainer(docker, id, { force: true }).catch(() => undefined);
  }
}
