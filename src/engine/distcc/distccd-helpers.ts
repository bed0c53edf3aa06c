// distccd helper containers of one build: started from the helper image on an engine (labelled with
// the build's ID, role distcc-helper), their jobs read from distccd's own log, and removed again.
import type Dockerode from 'dockerode';
import { shortId } from '../../core/format/short-id.js';
import { gentooWbLabels } from '../../core/labels.js';
import type { DistccHelper } from '../../core/distcc/distcc-hosts.js';
import { distccdJobs } from '../../core/distcc/distccd-log.js';
import type { DistccHelperStatus } from '../../core/distcc/distcc-status.js';
import { appVersion } from '../app-info.js';
import { containerLogs, EngineError, removeContainer, toEngineError } from '../docker/index.js';
import { currentNamespace, objectName } from '../docker/object-names.js';

/** distcc's registered port. */
const DISTCCD_PORT = 3632;

/** A helper that runs: where it is reached and which container it is. */
export interface RunningHelper extends DistccHelper {
  docker: Dockerode;
  containerId: string;
}

export interface HelperStart {
  docker: Dockerode;
  engine: string;
  image: string;
  buildId: string;
  /** Its number among the engine's helpers (names must differ). */
  index: number;
  jobs: number;
  /** Networks distccd lets in (--allow). */
  allow: string[];
  /** Publish 3632 on this host address ('' every address); null: reached at its container address. */
  publishOn: string | null;
  /** The network it joins to be reached at its container address (the build's, when not the default bridge); null: the bridge. */
  network: string | null;
  /** The address the build container uses for a published port. */
  publishedHost: string;
}

/** distccd in the foreground, logging every job to stderr (the engine keeps it), dropped to nobody. */
function distccdArgv(jobs: number, allow: readonly string[]): string[] {
  return ['distccd', '--no-detach', '--daemon', '--log-stderr', '--log-level', 'info', '--user', 'nobody', '--port', String(DISTCCD_PORT), '--jobs', String(jobs), ...allow.flatMap((a) => ['--allow', a])];
}

interface InspectedHelper {
  State?: { Running?: boolean };
  NetworkSettings?: { IPAddress?: string; Networks?: Record<string, { IPAddress?: string }>; Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> };
}

/** Create and start one helper; a failure after the create removes it again. */
export async function startHelper(s: HelperStart): Promise<RunningHelper> {
  const namespace = currentNamespace();
  const port = `${DISTCCD_PORT}/tcp`;
  const action = `start a distccd helper on engine "${s.engine}"`;
  let id: string;
  try {
    const container = await s.docker.createContainer({
      Image: s.image,
      name: objectName(`distccd-${s.buildId}-${s.index}`, namespace),
      Entrypoint: [],
      Cmd: distccdArgv(s.jobs, s.allow),
      Labels: gentooWbLabels({ version: appVersion(), role: 'distcc-helper', buildId: s.buildId, namespace }),
      ExposedPorts: { [port]: {} },
      HostConfig: s.publishOn === null ? (s.network === null ? {} : { NetworkMode: s.network }) : { PortBindings: { [port]: [{ HostIp: s.publishOn, HostPort: '' }] } },
    });
    id = container.id;
  } catch (err) {
    throw toEngineError(err, { action });
  }
  try {
    await s.docker.getContainer(id).start();
    const info = (await s.docker.getContainer(id).inspect()) as InspectedHelper;
    if (!info.State?.Running) throw new EngineError('engine', `${action}: distccd stopped at once; its log: ${(await helperLog(s.docker, id)).trim().slice(-400)}`, 'check the helper image (gentoo-wb clean removes it, and the next build makes it again)');
    let address: string;
    let published = DISTCCD_PORT;
    if (s.publishOn === null) {
      // On a user-defined network the address is only in its entry (IPAddress is the default bridge's).
      address = (s.network === null ? info.NetworkSettings?.IPAddress : info.NetworkSettings?.Networks?.[s.network]?.IPAddress) ?? '';
      if (address === '') throw new EngineError('engine', `${action}: the helper has no address on ${s.network === null ? 'the engine\'s bridge' : `network ${s.network}`}`, 'build containers reach helpers on their own engine in the network they join (the default bridge, or a served binhost\'s)');
    } else {
      const bound = info.NetworkSettings?.Ports?.[port]?.[0]?.HostPort;
      if (!bound) throw new EngineError('engine', `${action}: the engine published no port for distccd`, 'check that the engine can publish ports');
      address = s.publishedHost;
      published = Number(bound);
    }
    return { engine: s.engine, address, port: published, jobs: s.jobs, docker: s.docker, containerId: id };
  } catch (err) {
    await removeContainer(s.docker, id, { force: true }).catch(() => undefined);
    throw toEngineError(err, { action });
  }
}

/** The helper's whole log (distccd writes it to stderr). */
async function helperLog(docker: Dockerode, id: string, signal?: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const frame of containerLogs(docker, id, signal ? { signal } : {})) chunks.push(frame.data);
  return Buffer.concat(chunks).toString('utf8');
}

/** The helper's status from its log; `lost` when the log cannot be read (its engine or container went). */
export async function helperStatus(helper: RunningHelper, previous: DistccHelperStatus | null): Promise<DistccHelperStatus> {
  const base = { engine: helper.engine, address: helper.address, port: helper.port, jobs: helper.jobs };
  try {
    const jobs = distccdJobs(await helperLog(helper.docker, helper.containerId, AbortSignal.timeout(10_000)));
    return { ...base, compiles: jobs.ok, otherJobs: jobs.other, state: previous?.state === 'stopped' ? 'stopped' : 'running' };
  } catch {
    return { ...base, compiles: previous?.compiles ?? null, otherJobs: previous?.otherJobs ?? 0, state: 'lost' };
  }
}

/** Remove a helper; the sentence of what could not be removed, or null. */
export async function removeHelper(helper: RunningHelper): Promise<string | null> {
  return removeContainer(helper.docker, helper.containerId, { force: true }).then(
    () => null,
    (err: Error) => (err instanceof EngineError && err.kind === 'container-not-found' ? null : `the distccd helper ${shortId(helper.containerId)} on engine "${helper.engine}" (${err.message}): gentoo-wb clean${helper.engine === 'local' ? '' : ` --engine ${helper.engine}`} removes it`),
  );
}
