// Turns a resolved Endpoint into docker-modem constructor options. Every field is present (often
// as undefined) because docker-modem merges its own DOCKER_HOST-derived defaults under whatever we
// leave out; the required-keys type below makes forgetting one a compile error.
import { Agent as HttpsAgent } from 'node:https';
import type { Agent } from 'node:http';
import type { ConnectConfig } from 'ssh2';
import type { Endpoint } from './endpoint-types.js';

/** docker-modem's options with no optional keys: each must be decided here. */
export interface ExplicitModemOptions {
  socketPath: string | undefined;
  host: string | undefined;
  port: number | undefined;
  protocol: 'http' | 'https' | 'ssh' | undefined;
  pathPrefix: string | undefined;
  username: string | undefined;
  password: string | undefined;
  ca: Buffer | undefined;
  cert: Buffer | undefined;
  key: Buffer | undefined;
  agent: Agent | undefined;
  sshOptions: ConnectConfig | undefined;
  version: string | undefined;
  timeout: number | undefined;
  connectionTimeout: number | undefined;
  headers: Record<string, string>;
}

export interface ModemTuning {
  /** API version prefix such as "v1.41"; undefined talks unversioned (only for the first ping). */
  apiVersion?: string | undefined;
  /** Give up connecting after this long (ms); streams themselves are not limited. */
  connectionTimeoutMs?: number | undefined;
}

/** docker-modem options for an endpoint, with nothing left for the library to fill in from the environment. */
export function modemOptionsFor(endpoint: Endpoint, tuning: ModemTuning = {}): ExplicitModemOptions {
  const base: ExplicitModemOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    pathPrefix: undefined,
    username: undefined,
    password: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    agent: undefined,
    sshOptions: undefined,
    version: tuning.apiVersion === undefined ? undefined : `v${tuning.apiVersion.replace(/^v/, '')}`,
    timeout: undefined,
    connectionTimeout: tuning.connectionTimeoutMs,
    headers: {},
  };
  const address = endpoint.address;
  switch (address.kind) {
    case 'unix':
      return { ...base, socketPath: address.socketPath, protocol: 'http' };
    case 'tcp': {
      const tls = endpoint.tls;
      if (tls === null) return { ...base, host: address.host, port: address.port, protocol: 'http', pathPrefix: '/' };
      const material = { ca: tls.ca ?? undefined, cert: tls.cert ?? undefined, key: tls.key ?? undefined };
      // docker-modem has no switch for "do not verify the server"; an https agent carries it.
      const agent = tls.verifyServer ? undefined : new HttpsAgent({ ...material, rejectUnauthorized: false });
      return { ...base, ...material, host: address.host, port: address.port, protocol: 'https', pathPrefix: '/', agent };
    }
    case 'ssh':
      return {
        ...base,
        host: address.host,
        port: address.port,
        protocol: 'ssh',
        pathPrefix: '/',
        username: address.username ?? undefined,
        // readyTimeout bounds the TCP connect and the SSH handshake (ssh2's default is 20 s), so a host that
        // drops packets does not keep the process alive after the caller's deadline.
        sshOptions: { agent: endpoint.sshAgent ?? undefined, ...(tuning.connectionTimeoutMs === undefined ? {} : { readyTimeout: tuning.connectionTimeoutMs }) },
      };
  }
}
