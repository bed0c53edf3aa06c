// emerge --pretend through the engine on real Portage: the real-Portage base and the snapshot image of the
// test repository (which alone has app-misc/hello-2.12.2, so a run shows which tree it read).
import { beforeAll, expect, it } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { applyPretendChanges } from '../../../src/core/pretend/apply-changes.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { recipeHash } from '../../../src/core/recipe/recipe-hash.js';
import { recipeSchema, type BuildModeKind, type Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { EngineError, listContainers } from '../../../src/engine/docker/index.js';
import { objectNamePrefix } from '../../../src/core/labels.js';
import { currentNamespace } from '../../../src/engine/docker/object-names.js';
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

  it("keeps the base's make.conf settings: its FEATURES turn off the sandbox the base has no binary for", async () => {
    const r = recipe(['app-misc/hello']);
    r.makeConf.FEATURES = 'nodoc';
    const run = await runPretend(testDocker(), { recipe: r });
    expect(run.exitCode, run.text).toBe(0);
    // With the base's FEATURES="-sandbox …" replaced by the recipe's, Portage looks for the sandbox binary.
    expect(run.text).not.toContain('Problem with sandbox binary');
    const makeConf = run.command.files.find((f) => f.path === '/etc/portage/make.conf')?.content ?? '';
    expect(makeConf).toMatch(/^FEATURES="-sandbox -usersandbox/m);
    expect(makeConf).toContain('FEATURES="${FEATURES} nodoc"');
  }, 90_000);

  it('shows the merge list of a package with dependencies, streaming the output as it comes', async () => {
    const r = recipe(['dev-lang/php', 'app-misc/hello']);
    const chunks: string[] = [];
    // While it runs: a labelled container without a network, the snapshot's tree shared read-only.
    let seen: Promise<Array<{ name: string; labels: Record<string, string>; network: string; volumesFrom: string[] }>> | null = null;
    const look = async () => {
      const found = await listContainers(testDocker(), [`${LABEL.recipeHash}=${recipeHash(r)}`]);
      return Promise.all(found.map(async (c) => {
        const raw = (await testDocker().getContainer(c.id).inspect()) as { Name: string; HostConfig: { NetworkMode: string; VolumesFrom: string[] | null } };
        return { name: raw.Name, labels: c.labels, network: raw.HostConfig.NetworkMode, volumesFrom: raw.HostConfig.VolumesFrom ?? [] };
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
    // The test run's namespace: its snapshot container, and the container's own name.
    const prefix = objectNamePrefix(currentNamespace());
    expect(prefix).toMatch(/^gentoo-wb-test-/);
    expect(during[0]?.volumesFrom).toEqual([expect.stringMatching(new RegExp(`^${prefix}portage-[0-9a-f]{12}:ro$`))]);
    expect(during[0]?.name).toMatch(new RegExp(`^/${prefix}pretend-[0-9a-f]{12}$`));
    expect(run.exitCode).toBe(0);
    // The newest stable php (8.4 is ~amd64, 8.5 masked) with its USE-conditional libraries; hello from the snapshot.
    const cpvs = run.result.packages.map((p) => p.cpv);
    expect([...cpvs].sort()).toEqual(['app-misc/hello-2.12.2', 'dev-lang/php-8.3.15', 'dev-libs/libxml2-2.13.5', 'dev-libs/oniguruma-6.9.9']);
    expect(cpvs.indexOf('dev-lang/php-8.3.15')).toBeGreaterThan(Math.max(cpvs.indexOf('dev-libs/libxml2-2.13.5'), cpvs.indexOf('dev-libs/oniguruma-6.9.9')));
    expect(run.result.total).toMatchObject({ packages: 4, new: 4 });
    expect(run.verdict).toMatchObject({ kind: 'mergeable', packages: 4 });
    expect(chunks.join('')).toBe(run.text);
    expect(run.text).toContain('[ebuild  N     ] dev-lang/php-8.3.15:8.3::gentoo  USE="cli opcache readline unicode xml -cgi -debug -fpm -libedit"');
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
    expect(first.result.changes[0]?.requiredBy).toEqual(['net-misc/hurl-6.0::gentoo', 'net-misc/hurl (argument)']);
    // The list shows curl as Portage would build it with the change (a new package: no "*" mark).
    const curl = first.result.packages.find((p) => p.name === 'curl');
    expect(curl?.use.find((f) => f.name === 'http2')).toMatchObject({ enabled: true });
    expect(first.result.packages.map((p) => p.cpv)).toEqual(['net-libs/nghttp2-1.62.1', 'dev-libs/openssl-3.3.2-r2', 'net-misc/curl-8.11.1', 'net-misc/hurl-6.0']);
    const applied = applyPretendChanges(r, first.result.changes);
    const second = await runPretend(testDocker(), { recipe: applied.recipe });
    expect(second.exitCode).toBe(0);
    expect(second.verdict.kind).toBe('mergeable');
    expect(second.result.changes).toEqual([]);
    expect(second.result.packages.map((p) => p.cpv)).toContain('net-misc/hurl-6.0');
    await expectNoContainers(r);
    await expectNoContainers(applied.recipe);
  });

  it('=dev-libs/openssl-3.4.0 needs the testing keyword: requested, applied, then accepted', async () => {
    const r = recipe(['=dev-libs/openssl-3.4.0']);
    const first = await runPretend(testDocker(), { recipe: r });
    expect(first.result.changes).toMatchObject([{ kind: 'keywords', line: '=dev-libs/openssl-3.4.0 ~amd64' }]);
    expect(first.exitCode).toBe(1);
    expect(first.result.packages[0]).toMatchObject({ cpv: 'dev-libs/openssl-3.4.0', update: false, mask: '~' });
    const second = await runPretend(testDocker(), { recipe: applyPretendChanges(r, first.result.changes).recipe });
    expect(second.verdict.kind).toBe('mergeable');
    expect(second.exitCode).toBe(0);
  });

  it('a blocker (libressl vs openssl) and a missing package are explained', async () => {
    // openssl is not in the base: libressl alone merges; with curl (which needs openssl) they collide.
    const blocked = await runPretend(testDocker(), { recipe: recipe(['dev-libs/libressl', 'net-misc/curl']) });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.verdict.kind === 'refused' && blocked.verdict.reason).toBe('dev-libs/libressl blocks dev-libs/openssl: both cannot be installed; remove one of them from the recipe');
    const problem0 = blocked.verdict.kind === 'refused' ? blocked.verdict.problems[0] : undefined;
    expect(problem0?.text).toBe('dev-libs/libressl-4.0.0 cannot be installed on the same system as dev-libs/openssl (a hard block: Portage will not swap one for the other). The recipe asks for dev-libs/libressl. dev-libs/openssl-3.3.2-r2 is pulled in by net-misc/curl-8.11.1.');
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
    // Its libraries go into ROOT; openssl (a build dependency) also into the builder's /.
    expect(scratch.result.packages.map((p) => `${p.cpv} ${p.root}`)).toEqual([
      'sys-libs/zlib-1.3.1-r1 /destination/', 'dev-libs/openssl-3.3.2-r2 /destination/', 'dev-libs/openssl-3.3.2-r2 /', 'net-misc/curl-8.11.1 /destination/',
    ]);
    const stage4 = await runPretend(testDocker(), { recipe: recipe([], 'stage4') });
    expect(stage4.command.argv).toEqual(expect.arrayContaining(['--emptytree', '@world']));
    expect(stage4.exitCode).toBe(0);
    // @world of the base (@system: eselect, which, glibc, zlib) rebuilt: three reinstalls and zlib's update to -r1.
    expect(stage4.result.packages.map((p) => p.cpv).sort()).toEqual(['app-admin/eselect-1.4.30', 'sys-apps/which-2.21', 'sys-libs/glibc-2.40-r5', 'sys-libs/zlib-1.3.1-r1']);
    expect(stage4.result.packages.filter((p) => p.replace)).toHaveLength(3);
    expect(stage4.result.total).toMatchObject({ packages: 4, upgrades: 1, reinstalls: 3 });
    const tree = await runPretend(testDocker(), { recipe: recipe(['dev-lang/php']), tree: true });
    expect(tree.result.header?.order).toBe('reverse');
    expect(tree.result.packages.map((p) => `${p.depth} ${p.cpv}`)).toEqual(['0 dev-lang/php-8.3.15', '1 dev-libs/libxml2-2.13.5', '1 dev-libs/oniguruma-6.9.9']);
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
