// distcc with the helper on the build's own engine (`local`): reached at its address on the default bridge,
// allowing only that bridge's subnet; the compile jobs run there, the helper goes afterwards.
import { afterAll, expect, it } from 'vitest';
import type { DistccEvent } from '../../../src/core/events.js';
import { gentooWbLabelFilters } from '../../../src/core/labels.js';
import { recipeSchema } from '../../../src/core/recipe/recipe-schema.js';
import { listContainers, listImages, removeImage } from '../../../src/engine/docker/index.js';
import { currentNamespace } from '../../../src/engine/docker/object-names.js';
import { bridgeSubnets } from '../../../src/engine/distcc/helper-address.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';
import { buildToEnd, cleanUp, logOf, ofType, testTag } from '../build/modes/mode-build-helpers.js';

describeDocker('distcc: a helper on the build\'s own engine', () => {
  const tags: string[] = [];
  afterAll(async () => {
    await cleanUp(tags);
    for (const image of await listImages(testDocker(), { labels: gentooWbLabelFilters({ role: 'distcc-image', namespace: currentNamespace() }) })) await removeImage(testDocker(), image.id, { force: true });
  }, 60_000);

  it('reaches it on the bridge, sends it both compile jobs, and removes it', async () => {
    const tag = testTag(tags, 'distcc-local');
    const recipe = recipeSchema.parse({
      version: 1, name: 'distcc-local', base: { image: realPortageImages().base }, packages: ['app-misc/newtool', 'app-misc/oldtool'],
      makeConf: { MAKEOPTS: '-j1' }, image: { tags: [tag] }, caches: { distfiles: false, binpkgs: false, ccache: false }, distcc: { engines: ['local'] },
    });
    const built = await buildToEnd(recipe);
    expect(built.outcome.kind, logOf(built.events)).toBe('succeeded');
    const last = (ofType(built.events, 'distcc') as DistccEvent[]).at(-1)!;
    expect(last.helpers).toEqual([expect.objectContaining({ engine: 'local', port: 3632, state: 'stopped' })]);
    expect(last.helpers[0]!.compiles).toBe(2);
    // A container address inside the bridge's subnet (the first octets of the subnet's network address).
    const [subnet] = await bridgeSubnets(testDocker());
    expect(last.helpers[0]!.address.split('.').slice(0, 2)).toEqual(subnet!.split('/')[0]!.split('.').slice(0, 2));
    expect(await listContainers(testDocker(), gentooWbLabelFilters({ role: 'distcc-helper', namespace: currentNamespace() }))).toEqual([]);
  }, 400_000);
});
