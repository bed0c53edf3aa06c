// The real-Portage test images for benchmarks (they run outside vitest): built, or found by their content
// hash, by the same fixture code the test global setup uses, loaded through Vite because it is TypeScript.
// Benchmarks also get a namespace of their own, so their caches never mix with a person's.
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

/** The namespace benchmark builds run in: their containers, cache volumes and images carry it. */
export const BENCH_NAMESPACE = `bench-${process.pid}`;

/** Removes every container, volume and image of the benchmark namespace (and nothing else). */
export async function removeBenchObjects(docker) {
  const filters = JSON.stringify({ label: [`org.gentoo-wb.namespace=${BENCH_NAMESPACE}`] });
  for (const c of await docker.listContainers({ all: true, filters })) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  for (const i of await docker.listImages({ filters })) await docker.getImage(i.Id).remove({ force: true }).catch(() => undefined);
  const { Volumes } = await docker.listVolumes({ filters });
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
}
