// Endpoint resolution with the docker CLI's precedence (cli/command: resolveContextName, then the
// default context or the context store). Pure apart from the injected FileReader: no env or fs reads.
import {
  contextTlsDir, dockerConfigDir, readContextEndpoint, readCurrentContext, readTlsFiles,
} from './context-store.js';
import type {
  Endpoint, EndpointError, EndpointResolution, EndpointSource, EndpointWarning, ResolveInput, TlsSettings,
} from './endpoint-types.js';
import { DEFAULT_TLS_HOST, parseDockerHost } from './host-url.js';

const DEFAULT_CONTEXT = 'default';

/** Resolve which engine to talk to, and say which rule chose it. */
export function resolveEndpoint(input: ResolveInput): EndpointResolution {
  const env = input.env;
  const flagHost = nonEmpty(input.flagHost);
  const flagContext = nonEmpty(input.flagContext);
  if (flagHost !== null && flagContext !== null) {
    return fail('flag-conflict', `both --host (${flagHost}) and --context (${flagContext}) were given`,
      'give either -H/--host or --context, not both (the docker CLI refuses the same)', 'flag', flagContext);
  }
  const warnings: EndpointWarning[] = [];
  const configDir = dockerConfigDir(env, input.homeDir);

  if (flagContext !== null) return fromContext(input, configDir, flagContext, 'flag', warnings);
  if (flagHost !== null) return fromDefault(input, configDir, flagHost, 'flag', null, warnings);

  const envHost = nonEmpty(env.DOCKER_HOST);
  const envContext = nonEmpty(env.DOCKER_CONTEXT);
  if (envHost !== null) {
    if (envContext !== null) {
      warnings.push({
        code: 'host-and-context',
        message: `DOCKER_HOST (${envHost}) and DOCKER_CONTEXT (${envContext}) are both set; DOCKER_HOST wins, as in the docker CLI. Unset one of them.`,
      });
    }
    return fromDefault(input, configDir, envHost, 'DOCKER_HOST', null, warnings);
  }
  if (envContext !== null) return fromContext(input, configDir, envContext, 'DOCKER_CONTEXT', warnings);

  const config = readCurrentContext(input.files, configDir);
  if (config.problem !== null) {
    warnings.push({ code: 'config-unreadable', message: `${config.problem}; ignoring it, as the docker CLI does` });
  }
  if (config.currentContext !== null) return fromContext(input, configDir, config.currentContext, 'config', warnings);
  return fromDefault(input, configDir, null, 'default', DEFAULT_CONTEXT, warnings);
}

function fromContext(
  input: ResolveInput, configDir: string, name: string, source: EndpointSource, warnings: EndpointWarning[],
): EndpointResolution {
  if (name === DEFAULT_CONTEXT) return fromDefault(input, configDir, null, source, DEFAULT_CONTEXT, warnings);
  const meta = readContextEndpoint(input.files, configDir, name);
  if (!meta.ok) {
    const hint = meta.code === 'context-not-found'
      ? `list contexts with \`docker context ls\`, or ${contextFixFor(source)}`
      : `repair or recreate it with \`docker context rm ${name}\` and \`docker context create\``;
    return fail(meta.code, meta.message, hint, source, name);
  }
  const tlsDir = contextTlsDir(configDir, name);
  const files = readTlsFiles(input.files, tlsDir);
  if (files.unreadable.length > 0) {
    return fail('tls-unreadable', `context "${name}": cannot read ${files.unreadable.join(', ')}`,
      'check the files\' permissions (they must be readable by this user)', source, name);
  }
  const hasFiles = files.ca !== null || files.cert !== null || files.key !== null;
  // As in the CLI: TLS is on when the context stores TLS material or asks to skip verification.
  const tls: TlsSettings | null = hasFiles || meta.endpoint.skipTlsVerify
    ? { verifyServer: !meta.endpoint.skipTlsVerify, ca: files.ca, cert: files.cert, key: files.key, certDir: tlsDir }
    : null;
  return finish(input, meta.endpoint.host, source, name, tls, warnings);
}

function fromDefault(
  input: ResolveInput, configDir: string, host: string | null, source: EndpointSource, context: string | null,
  warnings: EndpointWarning[],
): EndpointResolution {
  const env = input.env;
  const verifyRaw = nonEmpty(env.DOCKER_TLS_VERIFY);
  // The CLI turns TLS on for any non-empty value; docker-modem only for exactly "1".
  const tlsOn = nonEmpty(env.DOCKER_TLS) !== null || verifyRaw !== null;
  if (verifyRaw !== null && verifyRaw !== '1') {
    warnings.push({
      code: 'tls-verify-not-1',
      message: `DOCKER_TLS_VERIFY is "${verifyRaw}": the docker CLI treats any value as on, other tools only "1"; set it to 1 (or unset it) to avoid surprises`,
    });
  }
  let tls: TlsSettings | null = null;
  if (tlsOn) {
    const certDir = nonEmpty(env.DOCKER_CERT_PATH) ?? configDir;
    const files = readTlsFiles(input.files, certDir);
    if (files.unreadable.length > 0) {
      return fail('tls-unreadable', `cannot read TLS files: ${files.unreadable.join(', ')}`,
        'check the files\' permissions or point DOCKER_CERT_PATH at a readable folder', source, context);
    }
    tls = { verifyServer: verifyRaw !== null, ca: files.ca, cert: files.cert, key: files.key, certDir };
  }
  return finish(input, host ?? (tlsOn ? DEFAULT_TLS_HOST : ''), source, context, tls, warnings);
}

function finish(
  input: ResolveInput, rawHost: string, source: EndpointSource, context: string | null, tlsIn: TlsSettings | null,
  warnings: EndpointWarning[],
): EndpointResolution {
  const parsed = parseDockerHost(rawHost);
  if (!parsed.ok) {
    return fail(parsed.code, parsed.message, `fix the host given by ${describeSource(source, context)}`, source, context);
  }
  const address = parsed.address;
  const tls = address.kind === 'tcp' ? tlsIn : null;
  let sshAgent: string | null = null;
  if (address.kind === 'tcp') warnings.push(...tcpWarnings(parsed.host, tls));
  if (address.kind === 'ssh') {
    sshAgent = nonEmpty(input.env.SSH_AUTH_SOCK);
    if (sshAgent === null) {
      warnings.push({ code: 'ssh-no-agent', message: 'SSH_AUTH_SOCK is not set: ssh:// endpoints authenticate only through an SSH agent here. Run `eval $(ssh-agent)` and `ssh-add`.' });
    }
    if (address.remotePath !== null) {
      warnings.push({ code: 'ssh-path-ignored', message: `the socket path ${address.remotePath} in the ssh:// URL is ignored: the remote side runs \`docker system dial-stdio\` with its default endpoint` });
    }
    if (address.username === null) {
      const user = nonEmpty(input.env.USER) ?? nonEmpty(input.env.LOGNAME);
      if (user !== null) address.username = user;
      else warnings.push({ code: 'ssh-no-username', message: 'no user in the ssh:// URL and USER is not set; write ssh://USER@HOST' });
    }
  }
  const endpoint: Endpoint = { host: parsed.host, source, context, address, tls, sshAgent, warnings };
  return { ok: true, endpoint };
}

function tcpWarnings(host: string, tls: TlsSettings | null): EndpointWarning[] {
  if (tls === null) {
    return [{ code: 'tcp-without-tls', message: `${host} is plain TCP without TLS: anyone who can reach it has root on the engine's host. Use ssh:// or mutual TLS.` }];
  }
  const out: EndpointWarning[] = [];
  if (!tls.verifyServer) {
    out.push({ code: 'tls-without-server-verify', message: `TLS to ${host} does not verify the daemon's certificate; set DOCKER_TLS_VERIFY=1 with a ca.pem` });
  } else if (tls.ca === null) {
    out.push({ code: 'tls-files-missing', message: `TLS verification is on but there is no ca.pem in ${tls.certDir ?? 'the certificate folder'}; the system CAs will be used` });
  }
  if (tls.cert === null || tls.key === null) {
    out.push({ code: 'tls-without-client-cert', message: `no client certificate (cert.pem + key.pem) in ${tls.certDir ?? 'the certificate folder'}: a daemon that accepts this does not verify its clients` });
  }
  return out;
}

function describeSource(source: EndpointSource, context: string | null): string {
  switch (source) {
    case 'flag': return context === null ? 'the -H/--host flag' : `context "${context}" (from --context)`;
    case 'DOCKER_HOST': return 'DOCKER_HOST';
    case 'DOCKER_CONTEXT': return `context "${context ?? ''}" (from DOCKER_CONTEXT)`;
    case 'config': return `context "${context ?? ''}" (currentContext in config.json)`;
    case 'default': return 'the default endpoint';
  }
}

function contextFixFor(source: EndpointSource): string {
  switch (source) {
    case 'flag': return 'pass an existing name to --context';
    case 'DOCKER_CONTEXT': return 'unset DOCKER_CONTEXT';
    case 'config': return 'run `docker context use default`';
    default: return 'choose an existing context';
  }
}

function fail(code: EndpointError['code'], message: string, hint: string, source: EndpointSource, context: string | null): EndpointResolution {
  return { ok: false, error: { code, message, hint, source, context } };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}
