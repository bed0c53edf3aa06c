// `binhost serve`: refresh the cache's Packages index once (emaint binhost --fix, the volume read-write
// in a short-lived container), then run `python3 -m http.server` over the volume mounted read-only in a
// labelled container that restarts with the engine (unless-stopped), published on a host port and, with a
// network, reachable by its container name there. Portage keeps the index current itself after each
// `--buildpkg` (3.0.82 portage/dbapi/bintree.py: inject → _pkgindex_write, an atomic rename, so the server
// never reads half an index; a test checks it), so one fix at start is enough.
import type Dockerode from 'dockerode';
import { gentooWbLabels, LABEL, type Labels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { createBodyFor } from '../docker/container-spec.js';
import { dialJson } from '../docker/dial.js';
import { EngineError, toEngineError } from '../docker/errors.js';
import { containerLogs, removeContainerSurely, runToEnd, startContainer, type RunToEndResult } from '../docker/index.js';
import { checkServeRequest, type ServeChecks } from './binhost-checks.js';
import { binhostContainerName, insidePortFor } from './binhost-names.js';
import { findServedBinhost, type ServedBinhost } from './find-served-binhost.js';
import { isPortInUse, PORT_IN_USE_HINT, portInUseMessage } from './port-check.js';
import { probeBinhost, type BinhostProbe } from './probe-binhost.js';

/** Where the cache volume is mounted: the PKGDIR builds use (shared-pieces mounts it there). */
export const PKGDIR = '/var/cache/binpkgs';

export type ServeRequest = ServeChecks;

export type ServeStep = 'check' | 'index' | 'start' | 'probe';

export interface ServeResult {
  binhost: ServedBinhost;
  image: string;
  probe: BinhostProbe;
}

/** The labels of a binhost container: ours, its namespace, and what findServedBinhost reads back. */
function binhostLabels(req: ServeRequest, network: string | null): Labels {
  return {
    ...gentooWbLabels({ version: appVersion(), role: 'binhost', namespace: req.namespace, sourceImage: req.image }),
    [LABEL.binhostName]: req.name,
    [LABEL.binhostKey]: req.key,
    [LABEL.binhostVolume]: req.volume,
    [LABEL.binhostPort]: String(insidePortFor(req.port)),
    [LABEL.binhostNetwork]: network ?? '',
  };
}

/** Check, index, serve and probe; the binhost as findServedBinhost sees it afterwards. */
export async function serveBinhost(docker: Dockerode, req: ServeRequest, onStep: (step: ServeStep) => void = () => undefined): Promise<ServeResult> {
  onStep('check');
  const { network } = await checkServeRequest(docker, req);
  onStep('index');
  await refreshIndex(docker, req.image, req.volume);
  onStep('start');
  const containerId = await startServer(docker, req, network);
  onStep('probe');
  const binhost = await findServedBinhost(docker, req.name, req.namespace);
  if (binhost === null) throw new EngineError('engine', `the binhost container ${binhostContainerName(req.name, req.namespace)} went away right after it started`, 'see the engine\'s events (docker events) and try again');
  let probe: BinhostProbe;
  try {
    probe = await probeBinhost(docker, { image: req.image, containerId, containerName: binhost.containerName, insidePort: insidePortFor(req.port), network });
  } catch (err) {
    probe = { answers: false, status: null, packages: null, problem: err instanceof Error ? err.message : String(err) };
  }
  if (probe.problem !== null) {
    // A server that does not answer is not left restarting: what it said goes into the message.
    const said = await lastLines(docker, containerId);
    await removeContainerSurely(docker, containerId);
    throw new EngineError('engine', `the HTTP server of binhost ${req.name} in ${req.image} did not serve /Packages (${probe.problem})${said ? `; it said: ${said}` : ''}; its container was removed`,
      'serve from an image with python3 (--image), e.g. the base the builds used; `docker logs` of a new attempt says more');
  }
  return { binhost, image: req.image, probe };
}

/** A container's last lines of output, on one line. */
async function lastLines(docker: Dockerode, id: string): Promise<string> {
  let output = '';
  try {
    for await (const frame of containerLogs(docker, id, { tail: 5 })) output += frame.data.toString('utf8');
  } catch {
    return '';
  }
  return oneLine(output);
}

/** Lines of output joined on one line, for a message. */
function oneLine(output: string): string {
  return output.trim().split('\n').join(' | ');
}

/** An engine error that says the image lacks the program (exec of the entrypoint failed). */
function missingProgram(err: unknown): boolean {
  return err instanceof Error && /executable file not found|no such file or directory/i.test(err.message);
}

/** `emaint binhost --fix` in a short-lived container with the volume read-write; throws with its last lines when it fails. */
export async function refreshIndex(docker: Dockerode, image: string, volume: string): Promise<void> {
  let run: RunToEndResult;
  try {
    run = await runToEnd(docker, {
      image,
      cmd: ['emaint', 'binhost', '--fix'],
      env: { PKGDIR, NOCOLOR: 'true' },
      mounts: [{ kind: 'volume', name: volume, target: PKGDIR }],
      network: 'none',
      labels: gentooWbLabels({ version: appVersion(), role: 'probe' }),
    }, { tail: 5 });
  } catch (err) {
    if (missingProgram(err)) throw new EngineError('bad-request', `${image} has no emaint (Portage), which refreshes the cache's Packages index before serving`, 'serve from a Gentoo image with Portage and python3 (--image), e.g. the base the builds used', { cause: err });
    throw err;
  }
  if (run.exitCode !== 0) throw new EngineError('engine', `emaint binhost --fix in ${image} exited with ${run.exitCode}: ${oneLine(run.output) || 'no output'}`, 'serve from a Gentoo image with Portage (--image), or check the cache volume');
}

/** Create and start the server container; a taken port or a server that stops at once becomes one sentence. */
async function startServer(docker: Dockerode, req: ServeRequest, network: string | null): Promise<string> {
  const inside = insidePortFor(req.port);
  const name = binhostContainerName(req.name, req.namespace);
  const body = {
    ...createBodyFor({
      image: req.image,
      name,
      entrypoint: ['python3'],
      cmd: ['-m', 'http.server', String(inside), '--directory', PKGDIR],
      // Request lines reach `docker logs` as they happen.
      env: { PYTHONUNBUFFERED: '1' },
      mounts: [{ kind: 'volume', name: req.volume, target: PKGDIR, readOnly: true }],
      labels: binhostLabels(req, network),
      ...(network !== null ? { network } : {}),
    }),
    ExposedPorts: { [`${inside}/tcp`]: {} },
  };
  const hostConfig = { ...body.HostConfig, PortBindings: { [`${inside}/tcp`]: [{ HostPort: req.port === 0 ? '' : String(req.port) }] }, RestartPolicy: { Name: 'unless-stopped' } };
  let id: string;
  try {
    id = (await dialJson<{ Id: string }>(docker, { method: 'POST', path: '/containers/create', query: { name }, body: { ...body, HostConfig: hostConfig }, ok: [200, 201] })).Id;
  } catch (err) {
    const e = toEngineError(err, { action: `create the binhost container ${name}`, notFound: 'image', subject: req.image });
    if (e.kind === 'conflict') throw new EngineError('conflict', `a container called ${name} exists already (not a binhost of this namespace)`, `remove it (docker rm ${name}) or choose another --name`);
    throw e;
  }
  try {
    await startContainer(docker, id);
  } catch (err) {
    await removeContainerSurely(docker, id);
    const message = err instanceof Error ? err.message : String(err);
    if (isPortInUse(message)) throw new EngineError('conflict', portInUseMessage(req.port, 'another program or container'), PORT_IN_USE_HINT, { cause: err });
    if (missingProgram(err)) throw new EngineError('bad-request', `${req.image} has no python3 to run the HTTP server (python3 -m http.server)`, 'serve from an image with python3 (--image), e.g. the base the builds used', { cause: err });
    throw err;
  }
  return id;
}
