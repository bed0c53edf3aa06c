// Engines in the settings file, and the TLS folder check of `engines add`: refused input and a failed
// write leave the file as it was; certificates are real ones made with openssl.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEngine, listEngines, removeEngine } from '../../../src/engine/engines/engine-store.js';
import { checkTlsDir } from '../../../src/engine/engines/tls-dir.js';
import { openSettings } from '../../../src/engine/settings/settings-store.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-engines-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A client folder: ca.pem (self-signed), cert.pem + key.pem (self-signed), and a stray key. */
function makeTlsDir(name: string): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', path.join(dir, 'ca-key.pem'), '-out', path.join(dir, 'ca.pem'), '-days', '2', '-subj', '/CN=test ca']);
  openssl(['req', '-x509', ...ec, '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=test client']);
  return dir;
}

describe('the TLS folder of a tcp:// engine', () => {
  let good = '';
  beforeAll(() => { good = makeTlsDir('good'); });

  it('accepts ca.pem, cert.pem and key.pem that belong together, as an absolute folder', () => {
    expect(checkTlsDir(path.relative(process.cwd(), good))).toEqual({ ok: true, value: good });
  });

  it('refuses a key that is not the certificate\'s', () => {
    const dir = path.join(root, 'mismatch');
    mkdirSync(dir);
    for (const f of ['ca.pem', 'cert.pem']) copyFileSync(path.join(good, f), path.join(dir, f));
    copyFileSync(path.join(good, 'ca-key.pem'), path.join(dir, 'key.pem'));
    expect(checkTlsDir(dir)).toMatchObject({ ok: false, message: `--tls-dir ${dir}: key.pem is not the key of cert.pem` });
  });

  it('refuses files that are not PEM, and names missing ones', () => {
    const dir = path.join(root, 'garbage');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'ca.pem'), 'not a certificate\n');
    expect(checkTlsDir(dir)).toMatchObject({ ok: false, message: `--tls-dir ${dir}: cert.pem does not exist; key.pem does not exist` });
    copyFileSync(path.join(good, 'cert.pem'), path.join(dir, 'cert.pem'));
    copyFileSync(path.join(good, 'key.pem'), path.join(dir, 'key.pem'));
    expect(checkTlsDir(dir)).toMatchObject({ ok: false, message: `--tls-dir ${dir}: ca.pem is not a PEM certificate` });
  });

  it('refuses expired certificates and a file given as the folder', () => {
    expect(checkTlsDir(good, new Date(Date.now() + 10 * 86_400_000))).toMatchObject({ ok: false, message: expect.stringMatching(/ca\.pem expired on /) });
    expect(checkTlsDir(path.join(good, 'ca.pem'))).toMatchObject({ ok: false, message: expect.stringMatching(/is not a folder$/) });
  });
});

describe('engines in the settings file', () => {
  it('adds, lists and removes; a refused add leaves the file byte for byte', () => {
    const cwd = path.join(root, 'settings-a');
    const store = openSettings({}, cwd);
    expect(addEngine(store, { name: 'one', url: 'unix:///run/one.sock' }, {})).toMatchObject({ ok: true, entry: { name: 'one', url: 'unix:///run/one.sock' } });
    expect(addEngine(store, { name: 'two', url: 'ssh://u@h' }, { SSH_AUTH_SOCK: '/x' })).toMatchObject({ ok: true });
    const file = path.join(cwd, 'config.json');
    const before = readFileSync(file);
    expect(addEngine(store, { name: 'one', url: 'unix:///run/other.sock' }, {})).toMatchObject({ ok: false, message: 'an engine named "one" exists already' });
    expect(addEngine(store, { name: 'three', url: 'tcp://h:2376', tlsDir: path.join(root, 'nowhere') }, {})).toMatchObject({ ok: false });
    expect(readFileSync(file).equals(before)).toBe(true);
    // Another process reading the file sees the same engines.
    expect(listEngines(openSettings({}, cwd)).map((e) => e.name)).toEqual(['one', 'two']);
    expect(removeEngine(store, 'one')).toMatchObject({ ok: true, entry: { name: 'one' } });
    expect(removeEngine(store, 'one')).toMatchObject({ ok: false, message: 'no engine named "one"', hint: expect.stringContaining('configured engines: two') });
    expect(listEngines(openSettings({}, cwd)).map((e) => e.name)).toEqual(['two']);
  });

  it('says so when the settings cannot be written (a full disk), and the file on disk is unchanged', () => {
    const cwd = path.join(root, 'settings-b');
    const writable = openSettings({}, cwd);
    addEngine(writable, { name: 'kept', url: 'unix:///run/kept.sock' }, {});
    const file = path.join(cwd, 'config.json');
    const before = readFileSync(file);
    const full = openSettings({}, cwd, new Date(), { write: () => { throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }); } });
    const r = addEngine(full, { name: 'lost', url: 'unix:///run/lost.sock' }, {});
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^the settings could not be saved: /) });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(file)).toBe(true);
  });
});
