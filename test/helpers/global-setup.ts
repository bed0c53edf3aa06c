// Runs once per test run: asks whether a Docker Engine answers, so every Docker test file
// gets the same verdict (and the same reason when it skips), and when one does, builds (or
// finds, by content hash) the stand-in stage3 and portage images the integration tests use.
import type { TestProject } from 'vitest/node';
import { connectDocker, pingEngine } from '../../src/engine/docker/client.js';
import { ensureStandinImages } from '../fixtures/stage3-standin/image/build-images.js';
import { ensureRealPortageImages } from '../fixtures/portage-image/build-image.js';

export interface DockerStatus {
  reachable: boolean;
  host: string;
  reason: string;
  required: boolean;
}

/** The stand-in images (test doubles of gentoo/stage3 and gentoo/portage), or why there are none. */
export interface StandinProvided {
  stage3: string;
  portage: string;
  error: string;
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
    standin: StandinProvided;
    realPortage: RealPortageProvided;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const { docker, endpoint } = connectDocker();
  const ping = await pingEngine(docker, 5000);
  const status: DockerStatus = {
    reachable: ping.ok,
    host: endpoint.host,
    reason: ping.ok ? '' : `no Docker Engine at ${endpoint.host} (${ping.code}: ${ping.message})`,
    required: process.env.GENTOO_WB_REQUIRE_DOCKER === '1',
  };
  project.provide('dockerStatus', status);
  const standin: StandinProvided = { stage3: '', portage: '', error: status.reason || 'no Docker Engine' };
  if (ping.ok) {
    try {
      const images = await ensureStandinImages(docker);
      Object.assign(standin, { stage3: images.stage3, portage: images.portage, error: '' });
    } catch (e) {
      // Only the tests that need the images fail (with this message); the rest of the run goes on.
      standin.error = `the stand-in images could not be built: ${(e as Error).message}`;
    }
  }
  project.provide('standin', standin);
  const realPortage: RealPortageProvided = { base: '', tree: '', error: status.reason || 'no Docker Engine' };
  if (ping.ok) {
    try {
      const images = await ensureRealPortageImages(docker);
      Object.assign(realPortage, { base: images.base, tree: images.tree, error: '' });
    } catch (e) {
      realPortage.error = `the real-Portage test images could not be built: ${(e as Error).message}`;
    }
  }
  project.provide('realPortage', realPortage);
}
