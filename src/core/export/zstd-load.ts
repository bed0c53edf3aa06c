// Whether an engine can load the zstd archive `export --compress zstd` writes: a fact of engine
// versions, kept apart from the command so the rule is pure.

/**
 * Why an engine may not load a zstd archive, or null: moby reads zstd layers from Docker 23.0 on (Podman
 * does); an older Docker answers `docker load` of such a file with "unexpected EOF" or "invalid tar header".
 */
export function zstdLoadWarning(engine: { kind: 'docker' | 'podman'; version: string }): string | null {
  if (engine.kind !== 'docker') return null;
  const major = Number(/^(\d+)\./.exec(engine.version)?.[1] ?? NaN);
  if (!Number.isFinite(major) || major >= 23) return null;
  return `this engine is Docker ${engine.version}, which cannot load zstd archives (Docker reads them from 23.0 on): on such an engine, load it with \`zstd -dc FILE | docker load\`, or export with --compress gzip`;
}
