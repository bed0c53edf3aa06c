// Docker integration tests: run against the real engine, skip with the reason when none answers,
// and fail instead of skipping when GENTOO_WB_REQUIRE_DOCKER=1 (CI sets it).
import { describe, inject, it } from 'vitest';
import type Dockerode from 'dockerode';
import { connectDocker } from './docker-client.js';

export const dockerStatus = inject('dockerStatus');

/** `describe` for tests that need a Docker Engine. */
export function describeDocker(name: string, body: () => void): void {
  if (dockerStatus.reachable) {
    describe(name, body);
  } else if (dockerStatus.required) {
    describe(name, () => {
      it('needs a reachable Docker Engine (GENTOO_WB_REQUIRE_DOCKER=1)', () => {
        throw new Error(`GENTOO_WB_REQUIRE_DOCKER=1 but ${dockerStatus.reason}`);
      });
    });
  } else {
    describe.skip(`${name} [skipped: ${dockerStatus.reason}; set GENTOO_WB_REQUIRE_DOCKER=1 to fail instead]`, body);
  }
}

let client: Dockerode | undefined;

/** The shared client for the engine the run was checked against. */
export function testDocker(): Dockerode {
  client ??= connectDocker().docker;
  return client;
}
