// emerge --pretend through the engine against the stand-in stage3 and its gentoo/portage snapshot.
import { beforeAll, expect, it } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { applyPretendChanges } from '../../../src/core/pretend/apply-changes.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { recipeHash } from '../../../src/core/recipe/recipe-hash.js';
import { recipeSchema, type BuildModeKind, type Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { EngineError, listContainers } from '../../../src/engine/docker/index.js';
import { runPretend } from '../../../src/engine/pretend/run-pretend.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

let images: { stage3: string; portage: string };

function recipe(packages: string[], mode: BuildModeKind = 'commit'): Recipe {
  const r = newRecipe({ name: 'pretend-test', base: images.stage3, packages, portageImage: images.portage });
  return recipeSchema.parse({ ...r, mode: { kind: mode } });
}

/** No container of this recipe is left behind (running or stopped). */
async function expectNoContainers(r: Recipe): Promise<void> {
  expect(await listContainers(testDocker(), [`${LABEL.recipeHash}=${recipeHash(r)}`])).toEqual([]);
}

describeDocker('runPretend against real Portage', () => {
  beforeAll(() => {
    const real = realPortageImages();
    images = { stage3: real.base, portage: real.tree };
  });

  it('shows the merge list of a package with dependencies, streaming the output as it comes', async () => {
    const r = recipe(['dev-lang/php']);
    const chunks: string[] = [];
    // While it runs: a labelled container without a network, the snapshot's tree shared read-only.
    let seen: Promise<Array<{ labels: Record<string, string>; network: string; volumesFrom: string[] }>> | null = null;
    const look = async () => {
      const found = await listContainers(testDocker(), [`${LABEL.recipeHash}=${recipeHash(r)}`]);
      return Promise.all(found.map(async (c) => {
        const raw = (await testDocker().getContainer(c.id).inspect()) as { HostConfig: { NetworkMode: string; VolumesFrom: string[] | null } };
        return { labels: c.labels, network: raw.HostConfig.NetworkMode, volumesFrom: raw.HostConfig.VolumesFrom ?? [] };
      }));
    };
    const run = await runPretend(testDocker(), {
      recipe: r,
      onOutput: (t) => {
        chunks.push(t);
        seen ??= look();
      },
    });
    const during = await seen!;
    expect(during).toHaveLength(1);
    expect(during[0]?.labels).toMatchObject({ [LABEL.role]: 'probe', [LABEL.mode]: 'commit' });
    expect(during[0]?.network).toBe('none');
    expect(during[0]?.volumesFrom).toEqual([expect.stringMatching(/^gentoo-wb-portage-[0-9a-f]{12}:ro$/)]);
    expect(run.exitCode).toBe(0);
    expect(run.result.packages.map((p) => p.cpv)).toEqual([
      'dev-libs/oniguruma-6.9.9', 'dev-db/sqlite-3.47.2', 'dev-libs/libpcre2-10.44', 'dev-libs/libxml2-2.13.5', 'dev-libs/libzip-1.11.2', 'dev-lang/php-8.3.15',
    ]);
    expect(run.result.total).toMatchObject({ packages: 6, new: 6 });
    expect(run.verdict).toMatchObject({ kind: 'mergeable', packages: 6 });
    expect(chunks.join('')).toBe(run.text);
    expect(run.text).toContain('[ebuild  N     ] dev-lang/php-8.3.15:8.3::gentoo  USE="cli');
    expect(run.command.argv.slice(0, 4)).toEqual(['emerge', '--pretend', '--autounmask=y', '--autounmask-write=n']);
    expect(run.elapsedMs).toBeGreaterThan(0);
    await expectNoContainers(r);
  });

  it('net-misc/hurl needs curl[http2]: Portage asks for the USE change; applied, the next pretend passes', async () => {
    const r = recipe(['net-misc/hurl']);
    const first = await runPretend(testDocker(), { recipe: r });
    expect(first.exitCode).toBe(1);
    expect(first.verdict.kind).toBe('needs-changes');
    expect(first.result.changes).toMatchObject([{ kind: 'use', line: '>=net-misc/curl-8.11.1 http2', file: 'package.use' }]);
    const curl = first.result.packages.find((p) => p.name === 'curl');
    expect(curl?.use.find((f) => f.name === 'http2')).toMatchObject({ enabled: true, changed: true });
    const applied = applyPretendChanges(r, first.result.changes);
    const second = await runPretend(testDocker(), { recipe: applied.recipe });
    expect(second.exitCode).toBe(0);
    expect(second.verdict.kind).toBe('mergeable');
    expect(second.result.changes).toEqual([]);
    expect(second.result.packages.map((p) => p.cpv)).toContain('net-misc/hurl-5.0.1');
    await expectNoContainers(r);
    await expectNoContainers(applied.recipe);
  });

  it('=dev-libs/openssl-3.4.0 needs the testing keyword: requested, applied, then accepted', async () => {
    const r = recipe(['=dev-libs/openssl-3.4.0']);
    const first = await runPretend(testDocker(), { recipe: r });
    expect(first.result.changes).toMatchObject([{ kind: 'keywords', line: '=dev-libs/openssl-3.4.0 ~amd64' }]);
    expect(first.result.packages[0]).toMatchObject({ cpv: 'dev-libs/openssl-3.4.0', update: true, mask: '~' });
    const second = await runPretend(testDocker(), { recipe: applyPretendChanges(r, first.result.changes).recipe });
    expect(second.verdict.kind).toBe('mergeable');
    expect(second.exitCode).toBe(0);
  });

  it('a blocker (libressl vs openssl) and a missing package are explained', async () => {
    const blocked = await runPretend(testDocker(), { recipe: recipe(['dev-libs/libressl']) });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.verdict.kind === 'refused' && blocked.verdict.reason).toBe('dev-libs/libressl blocks dev-libs/openssl: both cannot be installed; remove one of them from the recipe');
    const missing = await runPretend(testDocker(), { recipe: recipe(['app-misc/doesnotexist']) });
    expect(missing.exitCode).toBe(1);
    expect(missing.verdict.kind).toBe('refused');
    const problem = missing.verdict.kind === 'refused' ? missing.verdict.problems[0] : undefined;
    expect(problem?.title).toBe('No package matches app-misc/doesnotexist');
    expect(problem?.portageLines[0]).toBe('emerge: there are no ebuilds to satisfy "app-misc/doesnotexist".');
  });

  it('scratch mode installs into ROOT=/destination; stage4 rebuilds @world with --emptytree; --tree shows the tree', async () => {
    const scratch = await runPretend(testDocker(), { recipe: recipe(['net-misc/curl'], 'scratch') });
    expect(scratch.command.env.ROOT).toBe('/destination');
    expect(scratch.text).toMatch(/\] net-misc\/curl-8\.11\.1::gentoo to \/destination\/ USE=/);
    expect(scratch.result.packages.find((p) => p.name === 'curl')?.root).toBe('/destination/');
    const stage4 = await runPretend(testDocker(), { recipe: recipe([], 'stage4') });
    expect(stage4.command.argv).toEqual(expect.arrayContaining(['--emptytree', '@world']));
    expect(stage4.result.packages.filter((p) => p.replace).length).toBeGreaterThan(10);
    expect(stage4.result.packages.map((p) => p.name)).toContain('glibc');
    const tree = await runPretend(testDocker(), { recipe: recipe(['dev-lang/php']), tree: true });
    expect(tree.result.header?.order).toBe('reverse');
    expect(tree.result.packages[0]?.cpv).toBe('dev-lang/php-8.3.15');
    expect(tree.result.packages[1]?.depth).toBe(1);
  });

  it('cancelling removes the container and rejects with an aborted error', async () => {
    const r = recipe(['net-misc/hurl']);
    const abort = new AbortController();
    const error = await runPretend(testDocker(), { recipe: r, signal: abort.signal, onOutput: () => abort.abort() }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('aborted');
    await expectNoContainers(r);
  });

  it('a missing base image is an error that says what to do', async () => {
    const r = recipe(['app-misc/hello']);
    const error = await runPretend(testDocker(), { recipe: { ...r, base: { image: 'gentoo-wb-test/nonexistent:nope' } } }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('image-not-found');
    expect((error as EngineError).hint).not.toBe('');
  });
});
