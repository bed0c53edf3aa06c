// Facts about this installation of gentoo-wb: version and where its data files live.
// src/engine/app-info.ts and dist/engine/app-info.js sit at the same depth, so one relative URL serves both.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../', import.meta.url);

let version: string | undefined;

/** The version in package.json. */
export function appVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }).version;
  return version;
}

/** The folder holding themes/*.json. */
export function themesDir(): string {
  return fileURLToPath(new URL('themes/', root));
}
