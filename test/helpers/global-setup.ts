// Runs once per test run: asks whether a Docker Engine answers, so every Docker test file
// gets the same verdict (and the same reason when it skips), and when one does, builds (or
// finds, by content hash) the real-Portage test images the integration tests use (Debian + Portage
// from PyPI + the project's test repository; see test/fixtures/portage-image/README.md).
// It also picks the run's gentoo-wb namespace (every worker sets GENTOO_WB_NAMESPACE to it, see
// setup-env.ts), so the run's builds never share a cache volume or container with a person's, and at
// the end removes every object of that namespace — and only those.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import type { TestProject } from 'vitest/node';
import { LABEL, objectNamePrefix } from '../../src/core/labels.js';
import { pingEngine } from '../../src/engine/docker/client.js';
import { connectDocker } from './docker-client.js';
import { ensureRealPortageImages } from '../fixtures/portage-image/build-image.js';
import { TEST_IMAGE_LABEL } from './test-image-label.js';

export interface DockerStatus {
  reachable: boolean;
  host: string;
  reason: string;
  required: boolean;
}

/** The real-Portage test images (Debian + Portage from PyPI + the test repository), or why there are none. */
export interface RealPortageProvided {
  base: string;
  tree: string;
  error: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dockerStatus: DockerStatus;
    realPortage: RealPortageProvided;
    /** This run's GENTOO_WB_NAMESPACE (`test-<6 hex>`). */
    namespace: string;
    /** A folder of this run's own holding the XDG config/state/data homes every worker uses. */
    homes: string;
  }
}

/** What the teardown removed or could not remove. */
export interface NamespaceSweep {
  removed: string[];
  failed: string[];
}

const namedInNamespace = (names: string[], namespace: string) => names.some((n) => n.replace(/^\//, '').startsWith(objectNamePrefix(namespace)));

/**
 * Remove every container, image and volume of a namespace: labelled with it, or named `gentoo-wb-<ns>-…`
 * (a volume the engine made on first mount has no labels, only its name).
 */
export async function sweepNamespace(docker: Dockerode, namespace: string): Promise<NamespaceSweep> {
  const sweep: NamespaceSweep = { removed: [], failed: [] };
  const label = { label: [`${LABEL.namespace}=${namespace}`] };
  const attempt = async (what: string, remove: () => Promise<unknown>) => {
    try {
      await remove();
      sweep.removed.push(what);
    } catch (err) {
      const code = (err as { statusCode?: number }).statusCode;
      if (code === 404) sweep.removed.push(what);
      else sweep.failed.push(`${what}: ${(err as Error).message}`);
    }
  };
  const containers = new Map<string, string>();
  for (const c of await docker.listContainers({ all: true, filters: label })) containers.set(c.Id, c.Names[0] ?? c.Id);
  for (const c of await docker.listContainers({ all: true })) if (namedInNamespace(c.Names, namespace)) containers.set(c.Id, c.Names[0] ?? c.Id);
  for (const [id, name] of containers) await attempt(`container ${name}`, () => docker.getContainer(id).remove({ force: true, v: true }));
  // Children before parents: an image another one builds on cannot go first, so retry until nothing moves.
  let images = (await docker.listImages({ all: true, filters: label })).map((i) => i.Id);
  for (let pass = 0; pass < 5 && images.length > 0; pass++) {
    const left: string[] = [];
    for (const id of images) {
      try {
        await docker.getImage(id).remove({ force: true });
        sweep.removed.push(`image ${id.slice(7, 19)}`);
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode !== 404) left.push(id);
      }
    }
    images = left;
  }
  for (const id of images) sweep.failed.push(`image ${id.slice(7, 19)}: still in use`);
  const volumes = new Set<string>();
  for (const v of (await docker.listVolumes({ filters: label })).Volumes ?? []) volumes.add(v.Name);
  for (const v of (await docker.listVolumes()).Volumes ?? []) if (namedInNamespace([v.Name], namespace)) volumes.add(v.Name);
  for (const name of volumes) await attempt(`volume ${name}`, () => docker.getVolume(name).remove({ force: true }));
  return sweep;
}

/**
 * Images a test imported in this run (labelled by the test helper) still there at the end: a test that
 * forgot one, or removed it by name while a container of it still ran (the engine then only untags it).
 * Each is removed, and named by what it was imported as.
 */
async function removeLeftTestImages(docker: Dockerode, namespace: string): Promise<{ left: string[]; failed: string[] }> {
  const found = await docker.listImages({ all: true, filters: { label: [`${TEST_IMAGE_LABEL.run}=${namespace}`] } });
  const result = { left: [] as string[], failed: [] as string[] };
  for (const image of found) {
    const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    const what = `image ${image.Id.slice(7, 19)} imported as ${image.Labels?.[TEST_IMAGE_LABEL.ref] ?? '?'} (${tags.length > 0 ? `still tagged ${tags.join(', ')}` : 'untagged'})`;
    result.left.push(what);
    await docker.getImage(image.Id).remove({ force: true }).catch((err: Error) => result.failed.push(`${what}: ${err.message}`));
  }
  return result;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const namespace = `test-${randomBytes(3).toString('hex')}`;
  project.provide('namespace', namespace);
  // Settings, recipes and build records of the run live here, never in the person's own folders.
  const homes = mkdtempSync(path.join(os.tmpdir(), `gentoo-wb-${namespace}-`));
  project.provide('homes', homes);
  const { docker, endpoint } = connectDocker();
  const ping = await pingEngine(docker, 5000);
  const status: DockerStatus = {
    reachable: ping.ok,
    host: endpoint.host,
    reason: ping.ok ? '' : `no Docker Engine at ${endpoint.host} (${ping.code}: ${ping.message})`,
    required: process.env.GENTOO_WB_REQUIRE_DOCKER === '1',
  };
  project.provide('dockerStatus', status);
  const realPortage: RealPortageProvided = { base: '', tree: '', error: status.reason || 'no Docker Engine' };
  if (ping.ok) {
    try {
      const images = await ensureRealPortageImages(docker);
      Object.assign(realPortage, { base: images.base, tree: images.tree, error: '' });
    } catch (e) {
      // Only the tests that need the images fail (with this message); the rest of the run goes on.
      realPortage.error = `the real-Portage test images could not be built: ${(e as Error).message}`;
    }
  }
  project.provide('realPortage', realPortage);
  return async () => {
    rmSync(homes, { recursive: true, force: true });
    if (!ping.ok) return;
    const sweep = await sweepNamespace(docker, namespace);
    const images = await removeLeftTestImages(docker, namespace);
    // What a test left is said (by the name it was imported as) so it can be mended; the run fails only
    // when something of it stays on the engine after this.
    if (images.left.length > 0) process.stderr.write(`gentoo-wb tests: tests of this run left ${images.left.length} image(s) they imported; removed now:\n  ${images.left.join('\n  ')}\n`);
    const failed = [...sweep.failed, ...images.failed];
    if (failed.length > 0) {
      process.exitCode = 1;
      throw new Error(`could not remove every object of this run (namespace ${namespace}):\n  ${failed.join('\n  ')}`);
    }
  };
}
