// The real-Portage test image itself: Portage's tools answer, @system is really installed, and the
// snapshot image holds the repository.
import { expect, it } from 'vitest';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { runInImage } from '../helpers/containers.js';

describeDocker('real-Portage test image', () => {
  it('runs real emerge, with @system in /var/db/pkg', async () => {
    const { base } = realPortageImages();
    const info = await runInImage(testDocker(), ['emerge', '--version'], { image: base });
    expect(info.stdout).toMatch(/^Portage 3\.0\.82 /);
    const hello = await runInImage(testDocker(), ['hello'], { image: base });
    expect(hello.stdout).toContain('Hello, world!');
  });
});
