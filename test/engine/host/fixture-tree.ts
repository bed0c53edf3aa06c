// Builds temporary system trees for `--root` tests: files, symlinks, executables, live unix sockets.
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { EngineFacts } from '../../../src/core/host/facts.js';
import type { EngineGatherer } from '../../../src/engine/host/engine-facts.js';
import type { ProcessIdentity } from '../../../src/engine/host/user-facts.js';
import { fullOptions } from '../../core/host/facts-builder.js';

export type TreeEntry = string | Buffer | { symlink: string } | { dir: true } | { program: true };

const FIXTURES = new URL('../../fixtures/host/', import.meta.url);

/** A file from test/fixtures/host. */
export function fixture(name: string): Promise<string> {
  return readFile(new URL(name, FIXTURES), 'utf8');
}

/** `.config` text with a header for `version`: every table option set, minus `unset`, plus `extra`. */
export function kernelConfig(version: string, unset: string[] = [], extra: Record<string, string> = {}): string {
  const options: Record<string, string> = { ...fullOptions(), ...extra };
  for (const s of unset) delete options[s];
  const lines = ['#', '# Automatically generated file; DO NOT EDIT.', `# Linux/x86 ${version} Kernel Configuration`, '#', 'CONFIG_CC_VERSION_TEXT="gcc (Gentoo 14.2.1_p20241221 p7) 14.2.1 20241221"'];
  for (const [k, v] of Object.entries(options)) lines.push(`CONFIG_${k}=${v}`);
  for (const s of unset) lines.push(`# CONFIG_${s} is not set`);
  return `${lines.join('\n')}\n`;
}

export const gz = (text: string): Buffer => gzipSync(Buffer.from(text));

export interface Tree {
  root: string;
  /** Listen on a unix socket in the tree (HTTP, answering like an engine). */
  serve(p: string, headers?: Record<string, string>): Promise<string>;
  cleanup(): Promise<void>;
}

/** Create a tree under a new temporary directory. */
export async function makeTree(entries: Record<string, TreeEntry>): Promise<Tree> {
  // Short prefix: unix socket paths are limited to 107 bytes.
  const root = await mkdtemp(path.join(os.tmpdir(), 'gwbh-'));
  const servers: http.Server[] = [];
  for (const [p, entry] of Object.entries(entries)) {
    const real = path.join(root, p);
    await mkdir(path.dirname(real), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) await writeFile(real, entry);
    else if ('symlink' in entry) await symlink(entry.symlink, real);
    else if ('dir' in entry) await mkdir(real, { recursive: true });
    else {
      await writeFile(real, '#!/bin/sh\nexit 0\n');
      await chmod(real, 0o755);
    }
  }
  return {
    root,
    async serve(p, headers = {}) {
      const real = path.join(root, p);
      await mkdir(path.dirname(real), { recursive: true });
      const server = http.createServer((req, res) => {
        res.writeHead(new URL(req.url ?? '/', 'http://engine').pathname.endsWith('/_ping') ? 200 : 404, { 'Content-Type': 'text/plain', ...headers });
        res.end('OK');
      });
      await new Promise<void>((resolve) => server.listen(real, resolve));
      servers.push(server);
      return real;
    },
    async cleanup() {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A user session for the checks: larry (1000) unless told otherwise. */
export function identity(over: Partial<ProcessIdentity> = {}): ProcessIdentity {
  return { uid: 1000, gid: 1000, groups: [1000, 10], env: { USER: 'larry', HOME: '/home/larry', PATH: '/usr/bin:/bin' }, ...over };
}

/** An engine gatherer that answers with fixed facts and socket path (no engine contacted). */
export function fixedEngine(facts: EngineFacts, socketPath: string | null): EngineGatherer {
  return async () => ({ facts, docker: null, socketPath });
}

export const NO_ENGINE: EngineFacts = {
  reachable: false,
  endpoint: { host: 'unix:///var/run/docker.sock', source: 'default', context: 'default', warnings: [] },
  code: 'ENOENT',
  message: 'connect ENOENT /var/run/docker.sock',
};
