// Shared by the binhost tests: a binary package cache volume of the test namespace filled by real
// `emerge --buildpkg` on the real-Portage base, a Docker network of the namespace, a GET from a throwaway
// container, and the cleanup of exactly these objects.
import { randomBytes } from 'node:crypto';
import { binpkgCacheKey } from '../../../src/core/plan/shared-pieces.js';
import { binpkgVolumeOfKey } from '../../../src/engine/binhost/binhost-names.js';
import { createVolume, removeVolume, runToEnd } from '../../../src/engine/docker/index.js';
import { dialJson } from '../../../src/engine/docker/dial.js';
import { currentNamespace, objectName } from '../../../src/engine/docker/object-names.js';
import { gentooWbLabels } from '../../../src/core/labels.js';
import { testDocker } from '../../helpers/docker.js';
import { FAST_BUILD_ENV, realPortageImages } from '../../helpers/real-portage.js';

export const TEST_LABEL = 'org.gentoo-wb-test.binhost';
const CHOST = 'x86_64-pc-linux-gnu';

export interface BinhostFixture {
  key: string;
  /** The CFLAGS the cache's packages are built with (a recipe's COMMON_FLAGS for the same key). */
  cflags: string;
  volume: string;
  network: string;
  /** Run argv in the base with the cache volume read-write at /var/cache/binpkgs; exit code and output. */
  inBase(argv: string[], env?: Record<string, string>): Promise<{ exitCode: number; output: string }>;
  /** GET `url` from a throwaway container on `network`: status line and body. */
  get(url: string): Promise<{ exitCode: number; output: string }>;
  /** Run argv in a fresh container of the base on `network` (no cache volume). */
  onNetwork(argv: string[], env?: Record<string, string>): Promise<{ exitCode: number; output: string }>;
  remove(): Promise<void>;
}

/** A cache volume and a network of the test namespace, named after `tag` and a random part. */
export async function makeFixture(tag: string): Promise<BinhostFixture> {
  const docker = testDocker();
  const run = `${tag}-${randomBytes(3).toString('hex')}`;
  const cflags = `-O2 -pipe -DGWB_BINHOST_${run.replace(/-/g, '_')}`;
  const key = binpkgCacheKey(CHOST, cflags);
  const namespace = currentNamespace();
  const volume = binpkgVolumeOfKey(key, namespace);
  const network = objectName(`bhnet-${run}`);
  await createVolume(docker, { name: volume, labels: gentooWbLabels({ version: '0.0.0-test', role: 'cache', namespace }) });
  await dialJson(docker, { method: 'POST', path: '/networks/create', body: { Name: network, CheckDuplicate: true, Labels: { [TEST_LABEL]: run } }, ok: [200, 201] });
  const runIn = async (argv: string[], options: { env?: Record<string, string>; network?: string; volume?: boolean }) => {
    const ran = await runToEnd(docker, {
      image: realPortageImages().base,
      cmd: argv,
      env: options.env ?? {},
      network: options.network ?? 'none',
      mounts: options.volume ? [{ kind: 'volume', name: volume, target: '/var/cache/binpkgs' }] : [],
      labels: { [TEST_LABEL]: run },
    });
    // Never null: no timeout was asked for.
    return { exitCode: ran.exitCode ?? -1, output: ran.output };
  };
  return {
    key,
    cflags,
    volume,
    network,
    inBase: (argv, env = {}) => runIn(argv, { env: { ...FAST_BUILD_ENV, CFLAGS: cflags, FEATURES: '-ipc-sandbox -network-sandbox -pid-sandbox', ...env }, volume: true }),
    get: (url) => runIn(['python3', '-c', 'import sys, urllib.request\nr = urllib.request.urlopen(sys.argv[1], timeout=10)\nprint("HTTP", r.status)\nprint(r.read().decode("utf-8", "replace"))', url], { network }),
    onNetwork: (argv, env = {}) => runIn(argv, { env: { ...FAST_BUILD_ENV, FEATURES: '-ipc-sandbox -network-sandbox -pid-sandbox', ...env }, network }),
    remove: async () => {
      await dialJson(docker, { method: 'DELETE', path: `/networks/${network}`, ok: [200, 204] }).catch(() => undefined);
      await removeVolume(docker, volume).catch(() => undefined);
    },
  };
}

/** The CPV lines of a Packages index. */
export function cpvs(packagesText: string): string[] {
  return [...packagesText.matchAll(/^CPV: (.+)$/gm)].map((m) => m[1]!).sort();
}
