// Certificates for the second engine's tcp:// endpoint, made with openssl: a CA, a server certificate
// naming the veth address, a client certificate, and client folders laid out as DOCKER_CERT_PATH.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './second-engine-proc.js';

/** The CA, the server certificate (subjectAltName = the address) and the client certificate. */
export function makeCertificates(dir: string, address: string): { server: Record<'ca' | 'cert' | 'key', string>; client: string; wrongCa: string } {
  const tls = path.join(dir, 'tls');
  mkdirSync(tls, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const p = (name: string) => path.join(tls, name);
  const makeCa = (name: string) => run('openssl', ['req', '-x509', ...ec, '-keyout', p(`${name}-key.pem`), '-out', p(`${name}.pem`), '-days', '2', '-subj', `/CN=gentoo-wb test ${name}`]);
  makeCa('ca');
  makeCa('other-ca');
  const sign = (name: string, subject: string, extensions: string) => {
    writeFileSync(p(`${name}.ext`), extensions);
    run('openssl', ['req', ...ec, '-keyout', p(`${name}-key.pem`), '-out', p(`${name}.csr`), '-subj', subject]);
    run('openssl', ['x509', '-req', '-in', p(`${name}.csr`), '-CA', p('ca.pem'), '-CAkey', p('ca-key.pem'), '-CAcreateserial',
      '-out', p(`${name}-cert.pem`), '-days', '2', '-extfile', p(`${name}.ext`)]);
  };
  sign('server', '/CN=gentoo-wb second engine', `subjectAltName = IP:${address}\nextendedKeyUsage = serverAuth\n`);
  sign('client', '/CN=gentoo-wb test client', 'extendedKeyUsage = clientAuth\n');
  // Client folders as the docker CLI reads them from DOCKER_CERT_PATH.
  const clientDir = (name: string, ca: string) => {
    const d = path.join(dir, name);
    mkdirSync(d);
    writeFileSync(path.join(d, 'ca.pem'), readFileSync(p(ca)));
    writeFileSync(path.join(d, 'cert.pem'), readFileSync(p('client-cert.pem')));
    writeFileSync(path.join(d, 'key.pem'), readFileSync(p('client-key.pem')), { mode: 0o600 });
    return d;
  };
  return {
    server: { ca: p('ca.pem'), cert: p('server-cert.pem'), key: p('server-key.pem') },
    client: clientDir('client-tls', 'ca.pem'),
    wrongCa: clientDir('wrong-ca-tls', 'other-ca.pem'),
  };
}
