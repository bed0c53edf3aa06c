// The base image's make.conf on the real engine: read from a never-started container, merged into the
// build's by the plan, and read by real Portage (3.0.82 on the real-Portage test base) with the base's
// FEATURES words intact; a missing base image is named as such.
import { expect, it } from 'vitest';
import { gentooWbLabels } from '../../../src/core/labels.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { renderPortageFiles } from '../../../src/core/recipe/render-portage-files.js';
import { readBaseMakeConf } from '../../../src/engine/base/base-files.js';
import { prepareBuild } from '../../../src/engine/build/prepare-build.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';
import { useBusyboxImage } from './helpers/busybox.js';

const BASE_FEATURES = '-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news';

/** FEATURES as real Portage stacks them (make.globals, profile, make.conf) with this make.conf in place. */
async function portageFeatures(image: string, makeConf: string, volumesFrom: string[]): Promise<string[]> {
  const docker = testDocker();
  const run = await runToEnd(docker, {
    image, cmd: ['portageq', 'envvar', 'FEATURES'], network: 'none', volumesFrom, labels: gentooWbLabels({ version: '0.0.0-test', role: 'probe' }),
  }, { files: [{ kind: 'file', path: '/etc/portage/make.conf', content: makeConf, mode: 0o644 }] });
  expect(run.exitCode, run.output).toBe(0);
  return run.stdout.trim().split(/\s+/);
}

describeDocker('the base image\'s make.conf merged into a build\'s', () => {
  const plain = useBusyboxImage('no-make-conf');

  it('a prepared build on the real-Portage base keeps the base\'s FEATURES words, and Portage reads them', async () => {
    const { base, tree } = realPortageImages();
    const recipe = newRecipe({ name: 'make-conf', base, packages: ['app-misc/hello'], portageImage: tree });
    recipe.caches = { distfiles: false, binpkgs: false, ccache: true };
    const prepared = await prepareBuild(testDocker(), recipe, { unshare: false });
    const makeConf = prepared.plan.files.find((f) => f.path === '/etc/portage/make.conf')!.content;
    expect(makeConf).toContain(`FEATURES="${BASE_FEATURES}"\n`);
    expect(makeConf).toContain(`FEATURES="\${FEATURES} ${recipe.makeConf.FEATURES}"\n`);

    const merged = await portageFeatures(base, makeConf, prepared.volumesFrom);
    for (const word of ['sandbox', 'usersandbox', 'ipc-sandbox', 'network-sandbox', 'pid-sandbox', 'news']) expect(merged, word).not.toContain(word);
    // What replacing the base's make.conf did: Portage's defaults (sandbox, news) came back.
    const replaced = await portageFeatures(base, renderPortageFiles(recipe)[0]!.content, prepared.volumesFrom);
    expect(replaced).toContain('sandbox');
    expect(replaced).toContain('news');
  }, 120_000);

  it('reads a base without make.conf as none, and names a missing base image', async () => {
    expect(await readBaseMakeConf(testDocker(), plain())).toBeNull();
    await expect(readBaseMakeConf(testDocker(), 'gwb-test-absent/base:none')).rejects.toMatchObject({
      kind: 'image-not-found',
      message: 'cannot read /etc/portage/make.conf of the base image gwb-test-absent/base:none: the image is not here',
    });
  });
});
