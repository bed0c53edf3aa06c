// Recipe files on disk: read with every problem reported, written atomically (temp + rename) so a
// crash or a full disk never leaves half a recipe, and a full or read-only folder says so in one sentence.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRecipe, serializeRecipe, type RecipeParse } from '../../core/recipe/recipe-json.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { RECIPE_FOLDER, writeFileAtomically } from '../files/atomic-write.js';
import { appPaths } from '../paths.js';

/** Where recipes go when the user names no folder: $XDG_DATA_HOME/gentoo-wb/recipes. */
export function recipesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(appPaths(env).data, 'recipes');
}

/** A file path for a recipe name in the default folder. */
export function defaultRecipePath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(recipesDir(env), `${name}.json`);
}

/** The recipe files (`*.json`) of the recipes folder, sorted by name; none when the folder does not exist. */
export async function listRecipeFiles(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const dir = recipesDir(env);
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.json')).sort().map((n) => path.join(dir, n));
}

/** Read and validate a recipe file; a missing or unreadable file is a problem, not a throw. */
export async function loadRecipeFile(file: string): Promise<RecipeParse> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${(err as Error).message})`;
    return { ok: false, problems: [{ field: '(file)', problem, hint: code === 'ENOENT' ? 'create one with gentoo-wb recipe new FILE --base IMAGE' : undefined }] };
  }
  return parseRecipe(text);
}

/**
 * Write the recipe to `file` atomically, creating its folder. A full or read-only folder throws a
 * FolderWriteError whose message names the folder and what to do; no temporary file is left.
 */
export async function saveRecipeFile(file: string, recipe: Recipe): Promise<void> {
  await writeFileAtomically(file, serializeRecipe(recipe), { role: RECIPE_FOLDER, mode: 0o644 });
}
