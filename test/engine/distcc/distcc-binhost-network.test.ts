// distcc with the helper on the build's own engine while the build joins a served binhost's network: a
// container on a user-defined network cannot reach the default bridge, so the helper joins that network
// too and lets in its subnet. Checked without a whole build: the helpers are started for the recipe as a
// build starts them, then a compile is sent from a container on that network (as the build container
// is) with distcc's fallback to local compiling off, and distccd's own log must count it.
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import type { BuildEvent, DistccEvent } from '../../../src/core/events.js';
import { gentooWbLabelFilters, gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { binpkgCacheKey, binpkgVolume } from '../../../src/core/plan/shared-pieces.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { serveBinhost } from '../../../src/engine/binhost/serve-binhost.js';
import { stopBinhost } from '../../../src/engine/binhost/stop-binhost.js';
import { dialJson } from '../../../src/engine/docker/dial.js';
import { createVolume, listImages, removeImage, removeVolume } from '../../../src/engine/docker/index.js';
import { currentNamespace, objectName } from '../../../src/engine/docker/object-names.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { startDistccRun, type DistccRun } from '../../../src/engine/distcc/distcc-run.js';
import { bridgeSubnets } from '../../../src/engine/distcc/helper-address.js';
import { ensureHelperImage } from '../../../src/engine/distcc/helper-image.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

const run = `dn${process.pid}-${randomBytes(3).toString('hex')}`;
// A cache key of this test alone, so the served binhost is nobody else's.
const CFLAGS = `-O2 -pipe -DGWB_DISTCC_NET_${run.replace(/-/g, '_')}`;
const CHOST = 'x86_64-pc-linux-gnu';

describeDocker('distcc: a helper on the build\'s engine when the build joins a binhost\'s network', () => {
  const docker = testDocker();
  const namespace = currentNamespace();
  const network = objectName(`distcc-net-${run}`);
  const volume = binpkgVolume(CHOST, CFLAGS, namespace);
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const undo of cleanups.reverse()) await undo().catch(() => undefined);
  }, 60_000);

  it('starts the helper in that network, where a compile from the network reaches it', async () => {
    const helperImages = async () => (await listImages(docker, { labels: gentooWbLabelFilters({ role: 'distcc-image', namespace }) })).map((i) => i.id);
    const imagesBefore = await helperImages();
    cleanups.push(async () => {
      for (const id of (await helperImages()).filter((i) => !imagesBefore.includes(i))) await removeImage(docker, id, { force: true });
    });
    await dialJson(docker, { method: 'POST', path: '/networks/create', body: { Name: network, CheckDuplicate: true, Labels: { 'org.gentoo-wb-test.distcc-net': run, ...(namespace ? { [LABEL.namespace]: namespace } : {}) } }, ok: [200, 201] });
    cleanups.push(() => dialJson(docker, { method: 'DELETE', path: `/networks/${network}`, ok: [200, 204] }));
    await createVolume(docker, { name: volume, labels: gentooWbLabels({ version: 'test', role: 'cache', namespace }) });
    cleanups.push(() => removeVolume(docker, volume));
    const served = `srv-${run}`;
    const result = await serveBinhost(docker, { name: served, key: binpkgCacheKey(CHOST, CFLAGS), volume, image: realPortageImages().base, port: 0, network, namespace });
    cleanups.push(() => stopBinhost(docker, result.binhost));

    const base = newRecipe({ name: 'distcc-net', base: realPortageImages().base, packages: ['app-misc/newtool'] });
    const recipe: Recipe = {
      ...base, makeConf: { ...base.makeConf, COMMON_FLAGS: CFLAGS },
      binaries: { hosts: [{ kind: 'served', name: served }], onMissing: 'compile' },
      distcc: { engines: ['local'], helpers: 1, localJobs: 0 },
    };
    const events: BuildEvent[] = [];
    const distcc: DistccRun = await startDistccRun({ docker, recipe, buildId: run, buildEngine: undefined, emit: (e) => events.push(...e) });
    cleanups.push(() => distcc.stop());
    const [helper] = distcc.helpers;
    // Its address is in the binhost's network, and distccd lets in that network's subnet.
    const [subnet] = await bridgeSubnets(docker, network);
    expect(helper!.address.split('.').slice(0, 2)).toEqual(subnet!.split('/')[0]!.split('.').slice(0, 2));

    // A compile sent from that network, as the build container sends it; no local fallback.
    const image = await ensureHelperImage(docker, recipe.base.image, recipe.portage, 'local');
    const sent = await runToEnd(docker, {
      image: image.id,
      name: objectName(`distcc-client-${run}`),
      entrypoint: [],
      cmd: ['distcc', 'gcc', '-c', '/tmp/probe.c', '-o', '/tmp/probe.o'],
      env: { DISTCC_HOSTS: `${helper!.address}:${helper!.port}/1`, DISTCC_FALLBACK: '0', DISTCC_VERBOSE: '1' },
      network,
      labels: gentooWbLabels({ version: 'test', role: 'probe', namespace }),
    }, { files: [{ path: '/tmp/probe.c', content: 'int probe(void) { return 42; }\n' }], timeoutMs: 60_000, tail: 20 });
    expect(sent.exitCode, sent.output).toBe(0);
    await distcc.poll();
    const last = (events.filter((e) => e.type === 'distcc') as DistccEvent[]).at(-1)!;
    expect(last.helpers[0]).toMatchObject({ engine: 'local', state: 'running', compiles: 1 });
  }, 240_000);
});
