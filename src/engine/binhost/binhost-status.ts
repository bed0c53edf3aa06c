// `binhost status`: every served binhost of a namespace with its container's state and, when it runs,
// whether it answers over HTTP and how many packages its Packages index lists.
import type Dockerode from 'dockerode';
import { LABEL } from '../../core/labels.js';
import { inspectContainer } from '../docker/index.js';
import { listServedBinhosts, type ServedBinhost } from './find-served-binhost.js';
import { probeBinhost, type BinhostProbe } from './probe-binhost.js';

export interface BinhostStatus extends ServedBinhost {
  /** The container's state (running, restarting, exited, …). */
  state: string;
  image: string;
  /** What the probe found; null when the container does not run (nothing to ask). */
  probe: BinhostProbe | null;
}

/** Every served binhost of `namespace`, probed. */
export async function binhostStatuses(docker: Dockerode, namespace: string | null): Promise<BinhostStatus[]> {
  const served = await listServedBinhosts(docker, namespace);
  return Promise.all(served.map(async (b): Promise<BinhostStatus> => {
    const container = await inspectContainer(docker, b.containerName);
    const insidePort = Number(container.labels[LABEL.binhostPort] ?? '');
    const probe = container.running
      ? await probeBinhost(docker, { image: container.image, containerId: container.id, containerName: b.containerName, insidePort, network: b.network })
      : null;
    return { ...b, state: container.status, image: container.image, probe };
  }));
}
