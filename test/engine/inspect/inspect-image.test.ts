// Inspection, diff and export of images the build runner made with real Portage: sizes add up
// to what the engine says, package sizes cover what packages own, a diff of two builds differing by
// one package names exactly it, exports load back to the same image (plain, zstd, flattened without
// the engine's container files) with the recipe, a Dockerfile and an SBOM listing every package beside them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register as registerExport } from '../../../src/commands/export.js';
import { register as registerInspect } from '../../../src/commands/inspect.js';
import { diffViews, viewOf } from '../../../src/core/inspect/diff.js';
import type { InspectionJson } from '../../../src/core/inspect/inspection.js';
import { gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../src/core/recipe/recipe-schema.js';
import { startBuild } from '../../../src/engine/build/runner.js';
import { exportImage, imageExists, inspectImage, loadImages, removeImage, runToEnd } from '../../../src/engine/docker/index.js';
import { previousResultImage } from '../../../src/engine/inspect/build-lookup.js';
import { inspectImageContents, type InspectedImage } from '../../../src/engine/inspect/inspect-image.js';
import { zstdAvailable } from '../../../src/engine/inspect/zstd.js';
import { runCli } from '../../commands/helpers/cli.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { FAST_BUILD_ENV, realPortageImages } from '../../helpers/real-portage.js';
import { ENGINE_PATHS, layerEnginePaths } from '../build/modes/image-layers.js';
import { flatImage, ownedBytes, type FlatImage } from './helpers/independent.js';

const stateDir = mkdtempSync(path.join(os.tmpdir(), 'gwb-inspect-state-'));
const outDir = mkdtempSync(path.join(os.tmpdir(), 'gwb-inspect-out-'));
const env = { ...process.env, XDG_STATE_HOME: stateDir };
const run = `t${process.pid}`;
const tags: string[] = [];
const testLabels = gentooWbLabels({ version: '0.0.0-test', role: 'probe', buildId: `inspect-test-${run}` });
const previousState = process.env.XDG_STATE_HOME;

function recipe(packages: string[], tag: string): Recipe {
  tags.push(tag);
  const r = newRecipe({ name: `inspect-${run}`, base: realPortageImages().base, packages, tags: [tag], sizing: { jobs: 2, makeopts: '-j2' }, entrypoint: ['/usr/bin/hello'] });
  r.smokeTest = { argv: ['/usr/bin/hello'] };
  return r;
}

/** Build a recipe to its image ID; `onFirstEvents` is called once, when the build has said something (its start time is set). */
async function build(r: Recipe, onFirstEvents: () => void = () => undefined): Promise<string> {
  const errors: string[] = [];
  let said = false;
  const session = startBuild({
    docker: testDocker(), recipe: r, env, noCache: true, containerEnv: FAST_BUILD_ENV,
    onEvents: (e) => {
      if (!said) {
        said = true;
        onFirstEvents();
      }
      e.forEach((x) => x.type === 'error' && errors.push(x.message));
    },
  });
  const outcome = await session.outcome;
  if (outcome.kind !== 'succeeded' || !outcome.image) throw new Error(`build failed: ${outcome.kind} ${errors.join('; ')}`);
  return outcome.image.id;
}

async function runOutput(image: string): Promise<{ code: number; out: string }> {
  const docker = testDocker();
  const run = await runToEnd(docker, { image, labels: testLabels, network: 'none' });
  return { code: run.exitCode ?? -1, out: run.output };
}

/** Reads and exports of a built image take seconds alone, up to a minute beside the rest of the suite on two cores. */
const READ_MS = 120_000;

describeDocker('inspect, diff and export of built images (real Portage)', () => {
  const tagA = `gentoo-wb-test/inspect-a:${run}`;
  const tagB = `gentoo-wb-test/inspect-b:${run}`;
  let idA = '';
  let idB = '';
  let a: InspectedImage;
  let b: InspectedImage;
  let flatB: FlatImage;
  let baseEnginePaths: ReturnType<typeof layerEnginePaths>;

  beforeAll(async () => {
    process.env.XDG_STATE_HOME = stateDir;
    // The base's own files at the engine's paths (for the flattened export) are read from its archive while
    // the builds wait on Portage: a whole-image read that would otherwise run alone in the last test.
    baseEnginePaths = layerEnginePaths(realPortageImages().base);
    baseEnginePaths.catch(() => undefined);
    // Two builds of the same recipe name that differ by one package (newtool has no dependencies), side by
    // side. B starts a moment after A has said something (A's build state has its start time by then):
    // A is the earlier build of the recipe, the one "previous" must find.
    let aSaid: () => void = () => undefined;
    const aStarted = new Promise<void>((resolve) => { aSaid = resolve; });
    const buildingA = build(recipe(['app-misc/hello'], tagA), () => aSaid());
    await Promise.race([aStarted, buildingA]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const buildingB = build(recipe(['app-misc/hello', 'app-misc/newtool'], tagB));
    [idA, idB] = await Promise.all([buildingA, buildingB]);
    [a, b, flatB] = await Promise.all([
      inspectImageContents(testDocker(), tagA, { env }), inspectImageContents(testDocker(), tagB, { env }), flatImage(testDocker(), idB, testLabels),
    ]);
  }, 480_000);

  afterAll(async () => {
    if (previousState === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = previousState;
    for (const t of [...tags, `gentoo-wb-test/inspect-flat:${run}`]) if (await imageExists(testDocker(), t)) await removeImage(testDocker(), t, { force: true }).catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('layer sizes sum to the image size the engine reports, layer by layer as its history says', async () => {
    const details = await inspectImage(testDocker(), idB);
    expect(b.inspection.size).toBe(details.size);
    expect(b.inspection.layers.reduce((s, l) => s + l.size, 0)).toBe(details.size);
    const raw = (await testDocker().getImage(idB).history()) as { Size: number; CreatedBy: string }[];
    const history = raw.filter((h) => h.Size > 0 || h.CreatedBy.includes('gentoo-wb')).reverse();
    expect(b.inspection.layers.map((l) => l.size)).toEqual(history.map((h) => h.Size).slice(-b.inspection.layers.length));
    // The result shares every layer of the real-Portage base (commit mode) and adds one.
    const base = await inspectImage(testDocker(), realPortageImages().base);
    expect(b.inspection.base).toMatchObject({ id: base.id, layers: base.layers.length });
    expect(b.inspection.layers).toHaveLength(base.layers.length + 1);
    expect(b.inspection.base!.bytes).toBe(base.size);
    expect(b.inspection.build).toMatchObject({ recipeName: `inspect-${run}`, mode: 'commit', smokeTest: { ok: true, exitCode: 0 } });
  });

  it('package sizes cover at least 90 % of the bytes under package-owned paths and never exceed the image', () => {
    const pkgs = b.inspection.packages;
    expect(pkgs.source).toBe('image');
    const sum = pkgs.packages.reduce((s, p) => s + p.size, 0);
    const owned = ownedBytes(flatB);
    expect(owned).toBeGreaterThan(1_000_000);
    expect(sum).toBeGreaterThanOrEqual(0.9 * owned);
    expect(sum).toBeLessThanOrEqual(b.inspection.size);
    // Every package of the image's database is there, with the size of its own files.
    expect(new Set(pkgs.packages.map((p) => p.cpv))).toEqual(new Set(flatB.contents.keys()));
    const newtool = pkgs.packages.find((p) => p.cp === 'app-misc/newtool')!;
    expect(newtool.size).toBe(ownedBytes(flatB, [newtool.cpv]));
  });

  it('a diff of the two builds names exactly the one package and its size', () => {
    const d = diffViews(viewOf(a.inspection, 'a'), viewOf(b.inspection, 'b'));
    const newtool = b.inspection.packages.packages.find((p) => p.cp === 'app-misc/newtool')!;
    expect(d.added.map((p) => [p.key, p.after?.cpv, p.delta])).toEqual([['app-misc/newtool', 'app-misc/newtool-2.0', newtool.size]]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.delta).toBe(b.inspection.size - a.inspection.size);
  });

  it('finds the previous build of the recipe, and inspect --diff previous --json says the same', async () => {
    const previous = await previousResultImage(testDocker(), { id: idB, created: b.details.created, labels: b.details.labels }, b.build, env);
    expect(previous?.id).toBe(idA);
    const cli = await runCli([registerInspect], ['inspect', tagB, '--diff', 'previous', '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const diff = JSON.parse(cli.stdout) as { added: { key: string }[]; removed: unknown[]; changed: unknown[] };
    expect([diff.added.map((p) => p.key), diff.removed, diff.changed]).toEqual([['app-misc/newtool'], [], []]);
    const json = JSON.parse((await runCli([registerInspect], ['inspect', tagB, '--json'])).stdout) as InspectionJson;
    expect(json).toMatchObject({ id: idB, size: b.inspection.size, wastedBytes: b.inspection.waste.wastedBytes, efficiency: b.inspection.waste.efficiency });
    expect(json.packages.map((p) => p.cpv)).toEqual(b.inspection.packages.packages.map((p) => p.cpv));
    expect(json.layers.map((l) => l.size)).toEqual(b.inspection.layers.map((l) => l.size));
  }, READ_MS);

  it('export writes an archive that loads back to the same image, with recipe, Dockerfile and an SBOM of every package', async () => {
    const out = path.join(outDir, 'b.tar');
    const files = { recipe: path.join(outDir, 'b.recipe.json'), dockerfile: path.join(outDir, 'b.Dockerfile'), sbom: path.join(outDir, 'b.spdx.json') };
    const cli = await runCli([registerExport], ['export', tagB, '-o', out, '--recipe', files.recipe, '--dockerfile', files.dockerfile, '--sbom', files.sbom, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const result = JSON.parse(cli.stdout) as { imageId: string; extras: { kind: string; file: string }[] };
    expect(result.extras.map((e) => e.kind)).toEqual(['recipe', 'dockerfile', 'sbom']);
    const recipeText = readFileSync(files.recipe, 'utf8');
    expect(JSON.parse(recipeText)).toMatchObject({ packages: ['app-misc/hello', 'app-misc/newtool'], base: { image: realPortageImages().base } });
    const dockerfile = readFileSync(files.dockerfile, 'utf8');
    expect(dockerfile).toContain(`FROM ${realPortageImages().base}`);
    expect(dockerfile).toMatch(/"emerge","--verbose".*"app-misc\/hello","app-misc\/newtool"\]/);
    const sbom = JSON.parse(readFileSync(files.sbom, 'utf8')) as { spdxVersion: string; packages: { name: string; versionInfo: string }[] };
    expect(sbom.spdxVersion).toBe('SPDX-2.3');
    const listed = new Set(sbom.packages.slice(1).map((p) => `${p.name}-${p.versionInfo}`));
    expect(listed).toEqual(new Set(flatB.contents.keys()));

    // Remove the image entirely, then load the archive: the same ID comes back under its tag.
    await removeImage(testDocker(), idB, { force: true });
    expect(await imageExists(testDocker(), idB)).toBe(false);
    const loaded = await loadImages(testDocker(), out);
    expect(loaded.tags).toContain(tagB);
    expect((await inspectImage(testDocker(), tagB)).id).toBe(idB);
  }, READ_MS);

  it('a zstd export loads back to the same image', async () => {
    if (!zstdAvailable()) {
      const cli = await runCli([registerExport], ['export', tagA, '-o', path.join(outDir, 'a.tar.zst'), '--compress', 'zstd']);
      expect(cli.stderr).toContain('apt install zstd');
      return;
    }
    const out = path.join(outDir, 'a.tar.zst');
    const written = await exportImage(testDocker(), tagA, { output: out, compression: 'zstd', toolVersion: '0.0.0-test' });
    expect(readFileSync(out).readUInt32LE(0)).toBe(0xfd2fb528);
    expect(written.fileBytes).toBeLessThan(written.archiveBytes);
    await removeImage(testDocker(), idA, { force: true });
    const loaded = await loadImages(testDocker(), out);
    expect(loaded.tags).toContain(tagA);
    expect((await inspectImage(testDocker(), tagA)).id).toBe(idA);
  }, READ_MS);

  it('a flattened export is one layer without the engine\'s container files, keeps the entrypoint and runs', async () => {
    const out = path.join(outDir, 'flat.tar');
    const flat = await exportImage(testDocker(), tagA, { output: out, flatten: true, toolVersion: '0.0.0-test' });
    expect(flat.layers).toBe(1);
    await loadImages(testDocker(), out);
    const loaded = await inspectImage(testDocker(), tagA);
    expect(loaded.id).toBe(flat.imageId);
    expect(loaded.layers).toHaveLength(1);
    expect(loaded.labels[LABEL.role]).toBe('result');
    // Independent reads of the loaded image, side by side.
    const [inspected, ran, [layer, ...more], baseOwn] = await Promise.all([
      inspectImageContents(testDocker(), tagA, { env }),
      runOutput(tagA),
      // Flattening exports a container: its layer holds the base's own /etc/hostname and the like, never the
      // engine's. Read from the file just loaded: its one layer was new to the engine (the export removed its
      // temporary image), so the load checked it against the image's diff ID, and the ID is the same.
      layerEnginePaths({ file: out }),
      baseEnginePaths.then((layers) => new Map(layers.flatMap((l) => [...l]))),
    ]);
    expect(inspected.inspection.layers).toHaveLength(1);
    expect(inspected.inspection.waste.efficiency).toBe(1);
    expect(inspected.inspection.packages.packages.map((p) => p.cpv).sort()).toEqual(a.inspection.packages.packages.map((p) => p.cpv).sort());
    expect(ran).toEqual({ code: 0, out: 'Hello, world!\n' });
    expect(more).toEqual([]);
    for (const p of ENGINE_PATHS) expect(layer!.get(p), p).toEqual(baseOwn.get(p));
  }, 240_000);
});
