// A recipe's identity for labels and build records: what the build does, not what it is called or tagged.
import { createHash } from 'node:crypto';
import type { Recipe } from './recipe-schema.js';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as Record<string, unknown>).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 over the build-relevant fields (name and tags left out: renaming does not change the image). */
export function recipeHash(recipe: Recipe): string {
  // Where it runs (engine) and who helps compile (distcc) change neither the packages nor the image.
  const { name: _name, image, binaries, engine: _engine, distcc: _distcc, ...rest } = recipe;
  const { tags: _tags, ...config } = image;
  // No binhost is what every recipe meant before the field existed: their hashes (and build records) stay.
  const plain = binaries.hosts.length === 0 && binaries.onMissing === 'compile';
  return createHash('sha256').update(canonical({ ...rest, ...(plain ? {} : { binaries }), image: config })).digest('hex');
}
