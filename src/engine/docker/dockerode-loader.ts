// dockerode, loaded when the first client is built, without the dependencies only some endpoints or
// calls use. As they load, dockerode requires grpc and its proto loader (BuildKit sessions, which
// gentoo-wb never opens) and tar-fs with a .dockerignore reader (`docker build` contexts, never sent
// here), and docker-modem requires ssh2 (ssh:// endpoints). Measured alone: ssh2 +15 MB RSS,
// @grpc/grpc-js +14 MB, tar-fs +8 MB and 17 ms. Their slots in the CommonJS module cache hold
// stand-ins that load the real module on first use, so an ssh:// endpoint still gets ssh2 the
// moment docker-modem makes its first connection.
import { createRequire } from 'node:module';
import type Dockerode from 'dockerode';

const require = createRequire(import.meta.url);

/** The real module `name` as `from` resolves it, out of the cache slot its stand-in held. */
function realModule(file: string): unknown {
  delete require.cache[file];
  return require(file) as unknown;
}

/** Put `standIn(load)` where `from` would find `name`, unless the real module is loaded already. */
function defer(from: string, name: string, standIn: (load: () => Record<string, unknown>) => unknown): void {
  const file = createRequire(from).resolve(name);
  if (require.cache[file]) return;
  let real: Record<string, unknown> | undefined;
  const load = () => (real ??= realModule(file) as Record<string, unknown>);
  require.cache[file] = { id: file, filename: file, loaded: true, exports: standIn(load), children: [], paths: [] } as unknown as NodeJS.Module;
}

/** A module object whose every property comes from the real module, loaded at the first read. */
const lazyNamespace = (load: () => Record<string, unknown>): unknown =>
  new Proxy({}, {
    get: (_t, key) => load()[key as string],
    has: (_t, key) => key in load(),
  });

/** A module that is one function (the .dockerignore reader), loaded at the first call. */
const lazyFunction = (load: () => Record<string, unknown>): unknown =>
  (...args: unknown[]) => (load() as unknown as (...a: unknown[]) => unknown)(...args);

let dockerode: typeof Dockerode | undefined;

/** The dockerode constructor (ssh2 and grpc deferred until used). */
export function loadDockerode(): typeof Dockerode {
  if (dockerode) return dockerode;
  const dockerodeMain = require.resolve('dockerode');
  const modemMain = createRequire(dockerodeMain).resolve('docker-modem');
  // docker-modem's ssh agent reads `require('ssh2').Client` as it loads and calls `new Client()` per
  // connection: a constructor that builds the real one keeps both working.
  defer(modemMain, 'ssh2', (load) => ({
    Client: function Client(...args: unknown[]) {
      const Real = load().Client as new (...a: unknown[]) => object;
      return new Real(...args);
    },
  }));
  const sessionFile = createRequire(dockerodeMain).resolve('./session');
  defer(sessionFile, '@grpc/grpc-js', lazyNamespace);
  defer(sessionFile, '@grpc/proto-loader', lazyNamespace);
  const utilFile = createRequire(dockerodeMain).resolve('./util');
  defer(utilFile, 'tar-fs', lazyNamespace);
  defer(utilFile, '@balena/dockerignore', lazyFunction);
  dockerode = require('dockerode') as typeof Dockerode;
  return dockerode;
}
