// Engine identity: Docker or Podman, the API version both sides speak, rootless or not, storage
// driver. Everything else in the app reads this one EngineInfo value instead of asking again; commands
// that need only the kind and the API version take EngineBasics, read from /_ping alone (the daemon
// spends milliseconds on each of /version and /info, a fixed cost every such command paid).
import type Dockerode from 'dockerode';
import type { EngineIdentity, EngineKind } from '../../core/identity/engine-identity.js';
import { dialJson, dialStream, readAll } from './dial.js';

export type { EngineKind } from '../../core/identity/engine-identity.js';

/** The newest Engine API version gentoo-wb speaks; Docker 29 refuses clients below 1.44 by default. */
const OUR_API_VERSION = '1.47';
/** The oldest we accept (Docker 19.03); older daemons lack fields we rely on. */
const MIN_API_VERSION = '1.40';

/** What /_ping's headers tell: Docker or Podman and the API version to speak, nothing more. */
export interface EngineBasics extends Pick<EngineIdentity, 'kind' | 'apiVersion' | 'daemonApiVersion'> {
  /** The `Server` header of /_ping, e.g. `Docker/20.10.24 (linux)` or `Libpod/4.3.1 (linux)`. */
  serverHeader: string | null;
}

/** What the rest of the app knows about the engine it talks to. */
export interface EngineInfo extends EngineIdentity, EngineBasics {
  /** The raw /info and /version answers, for host checks that read more fields. */
  rawInfo: Record<string, unknown>;
  rawVersion: Record<string, unknown>;
}

/** What /_ping's headers reveal. */
export interface PingHeaders {
  apiVersion: string | null;
  server: string | null;
  libpodApiVersion: string | null;
}

/** GET /_ping and keep the headers (dockerode's ping drops them). */
export async function pingHeaders(docker: Dockerode, signal?: AbortSignal): Promise<PingHeaders> {
  const res = await dialStream(docker, { method: 'GET', path: '/_ping', ok: [200], signal });
  await readAll(res);
  const header = (name: string): string | null => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? null) : null;
  };
  return { apiVersion: header('api-version'), server: header('server'), libpodApiVersion: header('libpod-api-version') };
}

/** Compare dotted API versions numerically ("1.9" < "1.41"). */
function compareApiVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split('.').map(Number);
  const pb = b.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type Negotiation = { ok: true; version: string } | { ok: false; message: string };

/** Use the lower of ours and the daemon's; refuse daemons older than we support. */
function negotiateApiVersion(daemon: string | null, ours = OUR_API_VERSION): Negotiation {
  if (daemon === null || daemon === '') return { ok: true, version: ours };
  if (compareApiVersions(daemon, MIN_API_VERSION) < 0) {
    return { ok: false, message: `the engine speaks API ${daemon}, older than the ${MIN_API_VERSION} gentoo-wb needs; upgrade Docker (19.03 or newer) or Podman` };
  }
  return { ok: true, version: compareApiVersions(daemon, ours) < 0 ? daemon : ours };
}

/** Decide Docker or Podman from ping headers and /version components. */
export function engineKindOf(ping: PingHeaders, version: Record<string, unknown>): EngineKind {
  if (ping.libpodApiVersion !== null) return 'podman';
  if (ping.server !== null && /^libpod\//i.test(ping.server)) return 'podman';
  const components = Array.isArray(version.Components) ? version.Components : [];
  return components.some((c) => typeof c === 'object' && c !== null && /podman/i.test(String((c as Record<string, unknown>).Name))) ? 'podman' : 'docker';
}

/** The daemon's API version as identifyEngine reads it (/version first, then /_ping's header), and the one to use. */
function apiVersionsOf(ping: PingHeaders, version: Record<string, unknown>): { daemonApi: string; use: string } {
  const daemonApi = str(version.ApiVersion) ?? ping.apiVersion ?? OUR_API_VERSION;
  const negotiated = negotiateApiVersion(daemonApi);
  if (!negotiated.ok) throw new Error(negotiated.message);
  return { daemonApi, use: negotiated.version };
}

/** Ask the engine only what /_ping tells (kind, API version); /version too when the ping lacks `Api-Version`. */
export async function identifyEngineBasics(docker: Dockerode, signal?: AbortSignal): Promise<EngineBasics> {
  const ping = await pingHeaders(docker, signal);
  const version = ping.apiVersion === null ? await dialJson<Record<string, unknown>>(docker, { method: 'GET', path: '/version', signal }) : {};
  const { daemonApi, use } = apiVersionsOf(ping, version);
  return { kind: engineKindOf(ping, version), apiVersion: use, daemonApiVersion: daemonApi, serverHeader: ping.server };
}

/** Ask the engine who it is (ping headers, /version, /info; Podman also /libpod/info). */
export async function identifyEngine(docker: Dockerode, signal?: AbortSignal): Promise<EngineInfo> {
  const ping = await pingHeaders(docker, signal);
  const [version, info] = await Promise.all([
    dialJson<Record<string, unknown>>(docker, { method: 'GET', path: '/version', signal }),
    dialJson<Record<string, unknown>>(docker, { method: 'GET', path: '/info', signal }),
  ]);
  const kind = engineKindOf(ping, version);
  const { daemonApi, use } = apiVersionsOf(ping, version);
  const securityOptions = Array.isArray(info.SecurityOptions) ? info.SecurityOptions.map(String) : [];
  let rootless = securityOptions.some((o) => o.split(',').includes('name=rootless'));
  let storageDriver = str(info.Driver) ?? 'unknown';
  if (kind === 'podman') {
    // Podman's compat /info does not always say rootless; its own endpoint does.
    const libpod = await dialJson<Record<string, unknown>>(docker, { method: 'GET', path: '/libpod/info', signal }).catch(() => null);
    const host = obj(libpod?.host);
    const store = obj(libpod?.store);
    if (typeof obj(host?.security)?.rootless === 'boolean') rootless = obj(host?.security)?.rootless === true;
    storageDriver = str(store?.graphDriverName) ?? storageDriver;
  }
  const components = (Array.isArray(version.Components) ? version.Components : [])
    .map((c) => obj(c))
    .filter((c): c is Record<string, unknown> => c !== null)
    .map((c) => ({ name: str(c.Name) ?? '?', version: str(c.Version) ?? '?' }));
  return {
    kind,
    version: str(version.Version) ?? '?',
    apiVersion: use,
    daemonApiVersion: daemonApi,
    daemonMinApiVersion: str(version.MinAPIVersion),
    rootless,
    storageDriver,
    os: str(version.Os) ?? str(info.OSType) ?? '?',
    arch: str(version.Arch) ?? str(info.Architecture) ?? '?',
    kernelVersion: str(version.KernelVersion) ?? str(info.KernelVersion) ?? '?',
    cgroupVersion: str(info.CgroupVersion),
    cgroupDriver: str(info.CgroupDriver),
    rootDir: str(info.DockerRootDir),
    securityOptions,
    warnings: Array.isArray(info.Warnings) ? info.Warnings.map(String) : [],
    components,
    serverHeader: ping.server,
    rawInfo: info,
    rawVersion: version,
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
