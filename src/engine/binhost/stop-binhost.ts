// `binhost stop`: remove a binhost's container (its server stops with it). The cache volume stays: it is
// the builds' binary package cache, which `clean --volumes` alone removes.
import type Dockerode from 'dockerode';
import { EngineError } from '../docker/errors.js';
import { removeContainer } from '../docker/index.js';
import type { ServedBinhost } from './find-served-binhost.js';

/** The served binhost `name` names, or the only one served when `name` is absent; throws a sentence otherwise. */
export function chooseBinhost(served: ServedBinhost[], name: string | undefined): ServedBinhost {
  if (name !== undefined) {
    const found = served.find((b) => b.name === name);
    if (found) return found;
    throw new EngineError('not-found', `no binhost called ${name} is served${served.length > 0 ? ` (served: ${served.map((b) => b.name).join(', ')})` : ''}`, 'gentoo-wb binhost status lists them');
  }
  if (served.length === 1) return served[0]!;
  if (served.length === 0) throw new EngineError('not-found', 'no binhost is served', 'gentoo-wb binhost serve starts one');
  throw new EngineError('bad-request', `${served.length} binhosts are served (${served.map((b) => b.name).join(', ')}); say which one to stop`, 'gentoo-wb binhost stop NAME');
}

/** Stop and remove the binhost's container, never its volume. */
export async function stopBinhost(docker: Dockerode, binhost: ServedBinhost): Promise<void> {
  try {
    await removeContainer(docker, binhost.containerName, { force: true, volumes: false });
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'container-not-found') return;
    throw err;
  }
}
