// Pulling a base image without ever hanging: a registry that does not answer (offline host, dead
// proxy, DNS that swallows queries) ends the pull after a deadline with a message that says so and
// points at importing a tarball instead.
import type Dockerode from 'dockerode';
import { EngineError, pullImage, type PullEvent } from '../docker/index.js';

export interface PullBaseOptions {
  signal?: AbortSignal;
  onEvent?: (event: PullEvent) => void;
  /** How long to wait for the first word from the registry (default 15 s). */
  firstAnswerMs?: number;
  /** How long the pull may go without any progress once it has started (default 120 s). */
  idleMs?: number;
}

const OFFLINE_HINT = 'check the network, DNS and proxy of the engine\'s host; without a registry, import a stage3 tarball instead';

/** Pull `ref`, giving up with an EngineError `timeout` when the registry goes quiet. */
export async function pullBase(docker: Dockerode, ref: string, options: PullBaseOptions = {}): Promise<{ ref: string; id: string }> {
  const firstAnswerMs = options.firstAnswerMs ?? 15_000;
  const idleMs = options.idleMs ?? 120_000;
  const deadline = new AbortController();
  let answered = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => deadline.abort(), ms);
  };
  const onUserAbort = () => deadline.abort();
  options.signal?.addEventListener('abort', onUserAbort, { once: true });
  arm(firstAnswerMs);
  try {
    return await pullImage(docker, ref, {
      signal: deadline.signal,
      onEvent: (event) => {
        answered = true;
        arm(idleMs);
        options.onEvent?.(event);
      },
    });
  } catch (err) {
    if (deadline.signal.aborted && !options.signal?.aborted) {
      const seconds = Math.round((answered ? idleMs : firstAnswerMs) / 1000);
      throw answered
        ? new EngineError('timeout', `pull ${ref}: the registry stopped sending data for ${seconds} s`, `${OFFLINE_HINT}; then pull again`, { cause: err })
        : new EngineError('timeout', `pull ${ref}: no registry answered within ${seconds} s`, OFFLINE_HINT, { cause: err });
    }
    throw err;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onUserAbort);
  }
}
