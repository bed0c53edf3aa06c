// Runs once per test run: asks whether a Docker Engine answers, so every Docker test file
// gets the same verdict (and the same reason when it skips).
import type { TestProject } from 'vitest/node';
import { connectDocker, pingEngine } from '../../src/engine/docker/client.js';

export interface DockerStatus {
  reachable: boolean;
  host: string;
  reason: string;
  required: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dockerStatus: DockerStatus;
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
}
