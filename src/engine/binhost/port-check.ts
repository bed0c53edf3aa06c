// Is a host port free for a binhost? Asked before any work: the engine's own containers publishing it,
// and, when the engine runs on this machine, whether anything else listens there. The engine's error
// at start stays the last word (something may take the port in between); portInUseMessage words it.
import { createServer } from 'node:net';
import type Dockerode from 'dockerode';
import { dialJson } from '../docker/dial.js';
import { toEngineError } from '../docker/errors.js';

interface RawContainer { Names?: string[]; Ports?: { PublicPort?: number; Type?: string }[] | null }

/** Who holds `port` on the engine's host (a container name, or "another program on this machine"), or null when it looks free. */
export async function portHolder(docker: Dockerode, port: number): Promise<string | null> {
  let containers: RawContainer[];
  try {
    containers = await dialJson<RawContainer[]>(docker, { method: 'GET', path: '/containers/json', query: { all: false } });
  } catch (err) {
    throw toEngineError(err, { action: 'list containers' });
  }
  for (const c of containers) {
    if ((c.Ports ?? []).some((p) => p.PublicPort === port && (p.Type ?? 'tcp') === 'tcp')) return `container ${(c.Names?.[0] ?? '').replace(/^\//, '') || 'without a name'}`;
  }
  if (engineIsLocal(docker) && !(await canListen(port))) return 'another program on this machine';
  return null;
}

/** The engine listens on a socket of this machine, so its published ports are this machine's. */
function engineIsLocal(docker: Dockerode): boolean {
  return typeof (docker.modem as { socketPath?: unknown }).socketPath === 'string';
}

/** True when nothing listens on `port` on every IPv4 address here (what the engine binds by default). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code !== 'EADDRINUSE'));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when an engine error says the host port was taken. */
export function isPortInUse(message: string): boolean {
  return /port is already allocated|address already in use/i.test(message);
}

/** The sentence for a port someone holds. */
export function portInUseMessage(port: number, holder: string): string {
  return `port ${port} is in use on the engine's host (by ${holder}), so the binhost cannot publish it`;
}

export const PORT_IN_USE_HINT = 'choose another with --port N (or --port 0 to let the engine pick a free one)';
