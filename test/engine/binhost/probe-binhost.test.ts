// The binhost probe on the real engine, from a throwaway container on a network of the test's: an
// index read and counted, an HTTP error, a port nobody listens on, and a probe that prints nothing are
// told apart. The binhost is served the way `binhost serve` serves one (python3 -m http.server over a
// folder holding a Packages index), without a cache to fill first.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getPackagesIndex } from '../../../src/engine/binhost/probe-binhost.js';
import { dialJson } from '../../../src/engine/docker/dial.js';
import { createContainer, removeContainerSurely, startContainer } from '../../../src/engine/docker/index.js';
import { objectName } from '../../../src/engine/docker/object-names.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';
import { TEST_LABEL } from './binhost-fixture.js';

// Three packages; the server lists /served/Packages and has nothing at /missing/Packages.
const SERVE = 'mkdir -p /srv/served && printf "ARCH: amd64\\n\\nCPV: app-misc/a-1\\n\\nCPV: app-misc/b-2\\n\\nCPV: dev-libs/c-3\\n" > /srv/served/Packages && exec python3 -m http.server 8000 --directory /srv';

describeDocker('binhost probe (real engine, a served index)', () => {
  const run = `probe-${randomBytes(3).toString('hex')}`;
  const network = objectName(`bhnet-${run}`);
  const server = objectName(`bh-${run}`);
  const image = () => realPortageImages().base;
  let serverId = '';

  beforeAll(async () => {
    const docker = testDocker();
    await dialJson(docker, { method: 'POST', path: '/networks/create', body: { Name: network, CheckDuplicate: true, Labels: { [TEST_LABEL]: run } }, ok: [200, 201] });
    serverId = await createContainer(docker, { image: image(), name: server, cmd: ['sh', '-c', SERVE], network, labels: { [TEST_LABEL]: run } });
    await startContainer(docker, serverId);
    // Retried while the server starts, as `binhost serve` probes a server it just started.
    expect(await getPackagesIndex(docker, { image: image(), url: `http://${server}:8000/served`, network, attempts: 20 })).toEqual({ answers: true, status: 200, packages: 3, problem: null });
  }, 60_000);

  afterAll(async () => {
    const docker = testDocker();
    if (serverId) await removeContainerSurely(docker, serverId);
    await dialJson(docker, { method: 'DELETE', path: `/networks/${network}`, ok: [200, 204] }).catch(() => undefined);
  });

  it('tells an HTTP error, a port nobody listens on and a probe that printed nothing apart', async () => {
    const docker = testDocker();
    const ask = (url: string, attempts = 1) => getPackagesIndex(docker, { image: image(), url, network, attempts });
    const [missing, refused, silent] = await Promise.all([
      ask(`http://${server}:8000/missing/`),
      ask(`http://${server}:9`),
      // Asked zero times, the probe prints no line: the problem names its exit code instead.
      ask(`http://${server}:8000/served`, 0),
    ]);
    expect(missing).toEqual({ answers: true, status: 404, packages: null, problem: 'GET /Packages answered HTTP 404' });
    expect(refused).toEqual({ answers: false, status: null, packages: null, problem: 'no answer: [Errno 111] Connection refused' });
    expect(silent).toEqual({ answers: false, status: null, packages: null, problem: 'no answer: the probe exited with 0' });
  }, 60_000);
});
