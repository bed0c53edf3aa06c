// Builds whose gentoo-wb process ended (SIGKILL, a crash, the machine) while they were still preparing:
// nobody will start their container any more. A build's starting session holds its output lock from
// before its state file exists until it hands the build to its watch, so "preparing" with that lock free
// means the starter is gone. Such a build ends as failed, saying so; a container made but never started
// is removed. One whose container did start runs on its own: it becomes "running", and attach follows it.
import type Dockerode from 'dockerode';
import type { BuildState } from '../../core/build/build-record.js';
import { EngineError, removeContainer } from '../docker/index.js';
import { findBuilder } from './builder-container.js';
import { buildFiles, tryLockFile, writeState } from './build-store.js';

/** The sentence for a build whose starter ended while it prepared. */
function interruptedMessage(containerRemoved: boolean): string {
  return `interrupted: the gentoo-wb process that started it ended while it was preparing (killed, or it crashed)${containerRemoved ? '; its build container, made but never started, was removed' : '; no build container had been started'}; nothing was built or tagged`;
}

/**
 * Settle every "preparing" build whose starter is gone (see above), on `docker`; returns the states as
 * they are now. Without an engine nothing is settled (a container there could not be looked at).
 */
export async function reconcileInterrupted(docker: Dockerode, states: BuildState[], env: NodeJS.ProcessEnv = process.env): Promise<BuildState[]> {
  return Promise.all(states.map((s) => (s.status === 'preparing' ? settle(docker, s, env) : s)));
}

async function settle(docker: Dockerode, state: BuildState, env: NodeJS.ProcessEnv): Promise<BuildState> {
  const files = buildFiles(state.id, env);
  // Held by a live process: the build is being prepared right now (or followed). An unwritable folder
  // leaves the state as it is.
  const release = await tryLockFile(files.outputLock).catch(() => null);
  if (!release) return state;
  try {
    const builder = await findBuilder(docker, state.id);
    let next: BuildState;
    if (builder && builder.state !== 'created') {
      next = { ...state, status: 'running', containerId: builder.id };
    } else {
      if (builder) {
        const removed = await removeContainer(docker, builder.id, { force: true }).then(
          () => true,
          (err: unknown) => err instanceof EngineError && err.kind === 'container-not-found',
        );
        if (!removed) return state;
      }
      next = { ...state, status: 'failed', containerId: null, endedAt: Date.now(), message: interruptedMessage(builder !== null) };
    }
    // Said in the listing even when the folder refuses the write (it is said again next time).
    await writeState(files, next).catch(() => undefined);
    return next;
  } catch {
    // No engine answer: leave it for the next look.
    return state;
  } finally {
    await release().catch(() => undefined);
  }
}
