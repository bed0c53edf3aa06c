// The build container: created detached with our labels, the plan's files uploaded before it
// starts, its main process the step runner — so the build goes on whether anyone watches or not.
import type Dockerode from 'dockerode';
import { gentooWbLabelFilters, gentooWbLabels, inNamespace } from '../../core/labels.js';
import type { BuildPlan } from '../../core/plan/plan-types.js';
import { RUNNER_SCRIPT } from '../../core/plan/step-runner.js';
import { appVersion } from '../app-info.js';
import { createContainer, EngineError, listContainers, removeContainer, startContainer, uploadFiles, type ContainerSummary, type MountSpec } from '../docker/index.js';
import { currentNamespace, objectName } from '../docker/object-names.js';

export interface LaunchInput {
  buildId: string;
  plan: BuildPlan;
  volumesFrom: string[];
  /** Extra environment for the build steps (tests pass GWB_TEST_COMPILE_SECONDS here). */
  env?: Record<string, string>;
  /** A network for the container (the plan's, else the engine default, when absent). */
  network?: string;
  /** Told the container's ID as soon as it exists (before the upload and start). */
  onCreated?: (id: string) => void;
  /** Asked after each stage; true removes the container and ends with LaunchStopped. */
  shouldStop?: () => boolean;
}

/** The launch was stopped on request (a cancel); the container it had made is removed. */
export class LaunchStopped extends Error {
  constructor() {
    super('the launch of the build container was stopped');
  }
}

/**
 * Create, fill and start the build container; returns its ID. Whatever fails (or is stopped) after the
 * create removes the container again, so a refused start leaves nothing behind.
 */
export async function launchBuilder(docker: Dockerode, input: LaunchInput): Promise<string> {
  const { plan } = input;
  const mounts: MountSpec[] = plan.container.mounts.map((m) =>
    m.kind === 'volume' ? { kind: 'volume', name: m.name, target: m.target, readOnly: m.readOnly ?? false } : m.kind === 'bind' ? { kind: 'bind', source: m.source, target: m.target, readOnly: m.readOnly } : { kind: 'tmpfs', target: m.target },
  );
  const namespace = currentNamespace();
  const id = await createContainer(docker, {
    image: plan.container.image,
    name: objectName(`build-${input.buildId}`, namespace),
    cmd: ['/bin/sh', RUNNER_SCRIPT],
    entrypoint: [],
    env: { ...plan.container.env, ...(input.env ?? {}) },
    mounts,
    volumesFrom: input.volumesFrom,
    capAdd: plan.container.capAdd,
    securityOpt: plan.container.securityOpt,
    // A served binhost's network (the plan's) lets the build reach it by container name.
    ...((input.network ?? plan.container.network) ? { network: (input.network ?? plan.container.network)! } : {}),
    labels: gentooWbLabels({ version: appVersion(), role: 'builder', buildId: input.buildId, recipeHash: plan.recipeHash, mode: plan.mode, namespace }),
  });
  input.onCreated?.(id);
  const stopped = () => input.shouldStop?.() ?? false;
  try {
    if (stopped()) throw new LaunchStopped();
    await uploadFiles(docker, id, plan.files.map((f) => ({ kind: 'file' as const, path: f.path, content: f.content, mode: f.mode })));
    if (stopped()) throw new LaunchStopped();
    await startContainer(docker, id);
    if (stopped()) throw new LaunchStopped();
  } catch (err) {
    const removed = await removeContainer(docker, id, { force: true }).then(
      () => 'the build container was removed',
      (e: Error) => `the build container ${id.slice(0, 12)} could not be removed (${e.message}); gentoo-wb clean removes it`,
    );
    if (err instanceof LaunchStopped) throw err;
    if (err instanceof EngineError) throw new EngineError(err.kind, `could not start the build container: ${err.message}; ${removed}`, err.hint, { cause: err });
    throw new Error(`could not start the build container: ${(err as Error).message}; ${removed}`, { cause: err });
  }
  return id;
}

/** Build containers of the current namespace (the engine filters by label; the default namespace also here). */
async function buildersInNamespace(docker: Dockerode, buildId?: string): Promise<ContainerSummary[]> {
  const namespace = currentNamespace();
  const found = await listContainers(docker, gentooWbLabelFilters({ role: 'builder', namespace, ...(buildId === undefined ? {} : { buildId }) }));
  return found.filter((c) => inNamespace(c.labels, namespace));
}

/** The build container of a build in the current namespace, if it still exists. */
export async function findBuilder(docker: Dockerode, buildId: string): Promise<ContainerSummary | null> {
  return (await buildersInNamespace(docker, buildId))[0] ?? null;
}

/** Every build container of the current namespace (running or stopped). */
export async function listBuilders(docker: Dockerode): Promise<ContainerSummary[]> {
  return buildersInNamespace(docker);
}
