// The address printed for other hosts: a remote engine's own host, else an outward address of this machine.
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { dockerFor } from '../../../src/engine/docker/client.js';
import { parseDockerHost } from '../../../src/engine/docker/host-url.js';
import type { Endpoint } from '../../../src/engine/docker/endpoint-types.js';
import { engineHostAddress, httpUrl } from '../../../src/engine/binhost/host-address.js';

function dockerAt(host: string) {
  const parsed = parseDockerHost(host);
  if (!parsed.ok) throw new Error(parsed.message);
  const endpoint: Endpoint = { address: parsed.address, host: parsed.host, tls: null, source: 'flag', context: null, warnings: [], sshAgent: null };
  return dockerFor(endpoint);
}

describe('engineHostAddress', () => {
  it('names a tcp:// or ssh:// engine by its host', () => {
    expect(engineHostAddress(dockerAt('tcp://build-1.example:2375'))).toBe('build-1.example');
    expect(engineHostAddress(dockerAt('ssh://me@10.1.2.3'))).toBe('10.1.2.3');
  });

  it('for a local socket (or tcp://localhost) gives an outward IPv4 address of this machine, never loopback or a container bridge', () => {
    const outward = Object.entries(networkInterfaces())
      .filter(([name]) => !/^(docker\d*|br-|veth|lo)/.test(name))
      .flatMap(([, list]) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address));
    for (const host of ['unix:///var/run/docker.sock', 'tcp://localhost:2375']) {
      const address = engineHostAddress(dockerAt(host));
      expect(address).not.toMatch(/^127\./);
      if (outward.length > 0) expect(outward).toContain(address);
    }
  });
});

describe('httpUrl', () => {
  it('brackets IPv6 addresses', () => {
    expect(httpUrl('192.0.2.2', 8000)).toBe('http://192.0.2.2:8000/');
    expect(httpUrl('fd00::1', 8000)).toBe('http://[fd00::1]:8000/');
    expect(httpUrl('gentoo-wb-binhost-default', 8000)).toBe('http://gentoo-wb-binhost-default:8000/');
  });
});
