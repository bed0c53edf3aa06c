// Pull an image from a registry with per-layer progress events; cancellable.
import type Dockerode from 'dockerode';
import { dialStream } from './dial.js';
import { EngineError, toEngineError } from './errors.js';
import { parseImageRef } from './image-ref.js';
import { inspectImage } from './images.js';
import { readJsonMessages } from './json-messages.js';
import { pullEventOf, type PullEvent } from './pull-progress.js';

export interface PullOptions {
  signal?: AbortSignal;
  onEvent?: (event: PullEvent) => void;
  /** e.g. `linux/arm64`; the engine's own platform when absent. */
  platform?: string;
}

/** Classify a pull failure the engine reported inside the stream. */
function pullFailure(ref: string, message: string): EngineError {
  if (/not found|manifest unknown|does not exist|repository .* not found|pull access denied/i.test(message)) {
    return new EngineError('image-not-found', `pull ${ref}: the registry has no such image (${message})`, 'check the name and tag (e.g. gentoo/stage3:amd64-openrc); private images need `docker login`');
  }
  if (/no space left/i.test(message)) {
    return new EngineError('disk-full', `pull ${ref}: the engine's disk is full (${message})`, 'free space where the engine keeps images (`docker system df`)');
  }
  if (/dial tcp|connection refused|i\/o timeout|no such host|tls|timeout/i.test(message)) {
    return new EngineError('engine', `pull ${ref}: cannot reach the registry (${message})`, 'check the network, proxy and DNS of the engine\'s host; offline, import a stage3 tarball instead');
  }
  return new EngineError('engine', `pull ${ref}: ${message}`, 'see the engine\'s message');
}

/** Pull `ref` (tag defaults to latest); returns the local image ID. */
export async function pullImage(docker: Dockerode, ref: string, options: PullOptions = {}): Promise<{ ref: string; id: string }> {
  const { repo, tag, digest } = parseImageRef(ref);
  const action = `pull ${ref}`;
  try {
    const res = await dialStream(docker, {
      method: 'POST',
      path: '/images/create',
      query: { fromImage: repo, tag: digest ?? tag ?? 'latest', platform: options.platform },
      ok: [200],
      signal: options.signal,
    });
    for await (const msg of readJsonMessages(res)) {
      if (msg.error) throw pullFailure(ref, msg.error);
      const event = pullEventOf(msg);
      if (event) options.onEvent?.(event);
    }
  } catch (err) {
    if (err instanceof EngineError) throw err;
    if (options.signal?.aborted) throw toEngineError(Object.assign(new Error('aborted'), { name: 'AbortError' }), { action });
    const e = toEngineError(err, { action, notFound: 'image', subject: ref });
    // Errors before the stream starts (404 from /images/create) carry the registry's words too.
    throw e.kind === 'engine' || e.kind === 'image-not-found' ? pullFailure(ref, e.message.replace(`${action}: `, '')) : e;
  }
  const pulled = digest ? `${repo}@${digest}` : `${repo}:${tag ?? 'latest'}`;
  return { ref: pulled, id: (await inspectImage(docker, pulled)).id };
}
