// Removing the images a test tagged: by tag, only those that exist, never failing the suite's cleanup
// (an image another test already removed, or one the engine still holds for a moment, is no error).
import { imageExists, removeImage } from '../../src/engine/docker/index.js';
import { testDocker } from './docker.js';

/** Remove each tagged image the test made; a tag that names nothing is skipped. */
export async function removeTestImages(tags: readonly string[]): Promise<void> {
  const docker = testDocker();
  for (const tag of tags) if (await imageExists(docker, tag)) await removeImage(docker, tag, { force: true }).catch(() => undefined);
}
