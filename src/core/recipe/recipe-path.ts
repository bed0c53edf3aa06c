// Paths typed for a recipe file, and the recipe name a file name suggests.
import path from 'node:path';

/**
 * The file a typed path means: an absolute path as it is, `~` and `~/…` from the home folder,
 * anything else relative to the recipes folder.
 */
export function resolveRecipePath(typed: string, recipesDir: string, home: string): string {
  const text = typed.trim();
  if (text === '~') return home;
  if (text.startsWith('~/')) return path.join(home, text.slice(2));
  if (path.isAbsolute(text)) return text;
  return path.join(recipesDir, text);
}

/** A folder for a prompt: the home folder written as `~`. */
export function displayDir(dir: string, home: string): string {
  if (home && (dir === home || dir.startsWith(`${home}/`))) return `~${dir.slice(home.length)}`;
  return dir;
}

/** The recipe name a file name suggests (`/x/php.json` → `php`), or null when it gives none. */
export function nameFromFile(file: string): string | null {
  const base = path.basename(file).replace(/\.json$/i, '');
  const name = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name === '' ? null : name;
}
