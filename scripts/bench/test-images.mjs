// The real-Portage test images for benchmarks (they run outside vitest): built, or found by their content
// hash, by the same fixture code the test global setup uses, loaded through Vite because it is TypeScript.
// Benchmarks also get a namespace of their own, so their caches never mix with a person's.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `{base, tree}` image tags on the engine `docker` talks to. */
export async function realPortageImages(docker) {
  const server = await createServer({
    root: ROOT, configFile: false, logLevel: 'silent', appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const { ensureRealPortageImages } = await server.ssrLoadModule('/test/fixtures/portage-image/build-image.ts');
    return await ensureRealPortageImages(docker);
  } finally {
    await server.close();
  }
}

/** The namespace benchmark builds run in (set by run.mjs): their containers, cache volumes and images carry it. */
export const BENCH_NAMESPACE = process.env.GENTOO_WB_NAMESPACE ?? `bench-${process.pid}`;

/** Removes every container, volume and image of the benchmark namespace (labelled, or named gentoo-wb-<ns>-…). */
export async function removeBenchObjects(docker) {
  const filters = JSON.stringify({ label: [`org.gentoo-wb.namespace=${BENCH_NAMESPACE}`] });
  const prefix = `gentoo-wb-${BENCH_NAMESPACE}-`;
  for (const c of await docker.listContainers({ all: true, filters })) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  for (const i of await docker.listImages({ filters })) await docker.getImage(i.Id).remove({ force: true }).catch(() => undefined);
  const labelled = (await docker.listVolumes({ filters })).Volumes ?? [];
  // A cache volume the engine made on first mount has no labels, only its name.
  const named = ((await docker.listVolumes()).Volumes ?? []).filter((v) => v.Name.startsWith(prefix));
  for (const v of new Set([...labelled, ...named].map((x) => x.Name))) await docker.getVolume(v).remove().catch(() => undefined);
}

/**
 * A folder of the bench's own and the environment a gentoo-wb CLI run there needs: the bench's
 * namespace, XDG homes inside the folder (never a person's settings, recipes or builds), and the
 * test repository's compile pause passed into every build container.
 */
export function benchCliEnv(prefix, compileSeconds) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const env = {
    ...process.env,
    GENTOO_WB_NAMESPACE: BENCH_NAMESPACE,
    XDG_STATE_HOME: path.join(dir, 'state'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    GENTOO_WB_BUILD_ENV: `GWB_TEST_COMPILE_SECONDS=${compileSeconds}`,
  };
  return { dir, env };
}
