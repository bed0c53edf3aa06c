// The stand-in stage3/portage images for benchmarks (they run outside vitest): built, or found by
// their content hash, by the same fixture code the test global setup uses, loaded through Vite
// because it is TypeScript.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `{stage3, portage}` image tags on the engine `docker` talks to. */
export async function standinImages(docker) {
  const server = await createServer({
    root: ROOT, configFile: false, logLevel: 'silent', appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const { ensureStandinImages } = await server.ssrLoadModule('/test/fixtures/stage3-standin/image/build-images.ts');
    return await ensureStandinImages(docker);
  } finally {
    await server.close();
  }
}
