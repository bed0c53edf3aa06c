// `--tls-dir DIR` checked at `engines add`: the three files the docker CLI reads from
// DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), present, readable, PEM, and the key matching the
// certificate, so a typo is refused now rather than found at the first build.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SpecResult } from './engine-spec.js';

const FILES = ['ca.pem', 'cert.pem', 'key.pem'] as const;

/** The absolute folder when it holds a usable ca.pem, cert.pem and key.pem; else what is wrong. */
export function checkTlsDir(dir: string, now = new Date()): SpecResult<string> {
  const folder = path.resolve(dir);
  let isDir: boolean;
  try {
    isDir = statSync(folder).isDirectory();
  } catch (err) {
    return bad(`--tls-dir ${folder}: ${errnoText(err)}`);
  }
  if (!isDir) return bad(`--tls-dir ${folder} is not a folder`);
  const data: Partial<Record<(typeof FILES)[number], Buffer>> = {};
  const problems: string[] = [];
  for (const name of FILES) {
    try {
      data[name] = readFileSync(path.join(folder, name));
    } catch (err) {
      problems.push(`${name} ${errnoText(err)}`);
    }
  }
  if (problems.length > 0) return bad(`--tls-dir ${folder}: ${problems.join('; ')}`);
  const ca = certificate(data['ca.pem'], 'ca.pem');
  if (!ca.ok) return bad(`--tls-dir ${folder}: ${ca.message}`);
  const cert = certificate(data['cert.pem'], 'cert.pem');
  if (!cert.ok) return bad(`--tls-dir ${folder}: ${cert.message}`);
  let key: KeyObject;
  try {
    key = createPrivateKey(data['key.pem'] ?? Buffer.alloc(0));
  } catch {
    return bad(`--tls-dir ${folder}: key.pem is not an unencrypted PEM private key`);
  }
  if (!cert.value.checkPrivateKey(key)) return bad(`--tls-dir ${folder}: key.pem is not the key of cert.pem`);
  for (const [name, c] of [['ca.pem', ca.value], ['cert.pem', cert.value]] as const) {
    if (new Date(c.validTo).getTime() < now.getTime()) return bad(`--tls-dir ${folder}: ${name} expired on ${c.validTo}`);
  }
  return { ok: true, value: folder };
}

function certificate(pem: Buffer | undefined, name: string): { ok: true; value: X509Certificate } | { ok: false; message: string } {
  try {
    return { ok: true, value: new X509Certificate(pem ?? Buffer.alloc(0)) };
  } catch {
    return { ok: false, message: `${name} is not a PEM certificate` };
  }
}

function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'is not readable by this user';
  if (code === 'ENOTDIR') return 'is not in a folder';
  return `cannot be read (${code ?? (err as Error).message})`;
}

function bad(message: string): SpecResult<string> {
  return {
    ok: false,
    message,
    hint: 'point --tls-dir at the folder holding the client files the docker CLI reads from DOCKER_CERT_PATH: ca.pem (the CA that signed the daemon\'s certificate), cert.pem and key.pem (this client\'s certificate and key)',
  };
}
