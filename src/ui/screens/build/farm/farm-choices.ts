// What the farm setup offers and checks, pure: the open recipe first, then the recipe files of the
// recipes folder (the open one's file not twice); the engines (`local` first); and what stands between
// the choice and a farm (the same rules as `gentoo-wb build R1 R2 … --engines a,b`).
import path from 'node:path';

export const OPEN_RECIPE = '\u0000open';

export interface RecipeChoice {
  /** OPEN_RECIPE for the recipe in the workbench, else a file path. */
  key: string;
  label: string;
  detail: string;
}

/** The recipes to choose from. */
export function recipeChoices(open: { name: string; path: string | null; dirty: boolean } | null, files: readonly string[], folder: string): RecipeChoice[] {
  const choices: RecipeChoice[] = [];
  if (open) choices.push({ key: OPEN_RECIPE, label: open.name, detail: `open recipe${open.dirty ? ', unsaved edits' : ''}${open.path ? ` (${path.basename(open.path)})` : ''}` });
  for (const file of files) {
    if (open?.path && path.resolve(open.path) === path.resolve(file)) continue;
    choices.push({ key: file, label: path.basename(file).replace(/\.json$/i, ''), detail: `${folder}/${path.basename(file)}` });
  }
  return choices;
}

/** Why these choices cannot make a farm yet, or null. */
export function choiceProblem(recipes: number, engines: number, openProblem: string | null, openChosen: boolean): string | null {
  if (recipes < 2) return `a farm builds two recipes or more: Space chooses them (${recipes} chosen)`;
  if (engines < 1) return 'choose at least one engine (Tab goes to the engines)';
  if (openChosen && openProblem !== null) return `the open recipe cannot be built: ${openProblem}`;
  return null;
}

/** `set` with `key` added or taken out. */
export function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
