// The end of a cancelled build: remove what it made (its container, an image not reported as its result)
// and record the cancel with a sentence saying what went and what stayed.
import type Dockerode from 'dockerode';
import type { BuildState } from '../../core/build/build-record.js';
import { EngineError, removeContainer, removeImage } from '../docker/index.js';
import { writeState, type BuildFiles } from './build-store.js';
import type { BuildOutcome } from './build-session.js';

/** Remove what a cancelled build made (its container, an image not reported as its result) and record it. */
export async function endCancelled(docker: Dockerode, files: BuildFiles, state: BuildState, containerId: string | null, removedAlready: string[] = []): Promise<BuildOutcome> {
  const removed: string[] = [...removedAlready];
  const kept: string[] = [];
  if (containerId) {
    await removeContainer(docker, containerId, { force: true }).then(
      () => removed.push('the build container'),
      (err: Error) => (err instanceof EngineError && err.kind === 'container-not-found' ? removed.push('the build container') : kept.push(`the build container ${containerId.slice(0, 12)} (${err.message})`)),
    );
  }
  if (state.image) {
    const image = state.image;
    await removeImage(docker, image.id, { force: true }).then(
      () => removed.push(`the image ${image.id.replace(/^sha256:/, '').slice(0, 12)}${image.tags.length > 0 ? ` and its tags ${image.tags.join(', ')}` : ''}`),
      (err: Error) => kept.push(`the image ${image.id.replace(/^sha256:/, '').slice(0, 12)} (${err.message})`),
    );
    state.image = null;
  }
  const what = removed.length > 0 ? `${removed.join(' and ')} ${removed.length > 1 ? 'were' : 'was'} removed; ` : '';
  const message = kept.length > 0
    ? `cancelled; ${what}could not remove ${kept.join(', ')}: gentoo-wb clean removes it; nothing is tagged by this build`
    : `cancelled; ${what}nothing is tagged`;
  state.status = 'cancelled';
  state.endedAt = Date.now();
  state.message = message;
  await writeState(files, state).catch(() => undefined);
  return { kind: 'cancelled', message };
}
