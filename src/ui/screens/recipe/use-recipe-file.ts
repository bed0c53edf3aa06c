// Saving and opening recipes from the Recipe screen. Saving is atomic (the recipe store writes a
// temporary file and renames it), asks for a path the first time, refuses a recipe with problems
// (a saved recipe always loads again) and puts the path first in the recent list. Opening never
// drops unsaved edits silently: the screen asks first. A typed path is taken as it is when absolute
// (or `~/…`), else in the recipes folder. A recipe whose `engine` names another engine moves the
// session there (session/engine-switch.ts) before it opens.
import { useCallback, useMemo } from 'react';
import { homedir } from 'node:os';
import path from 'node:path';
import { formatProblem } from '../../../core/recipe/recipe-problems.js';
import { displayDir, nameFromFile, resolveRecipePath } from '../../../core/recipe/recipe-path.js';
import { rememberRecipe } from '../../../core/settings.js';
import { useWizard } from '../../app/wizard-context.js';
import { followRecipeEngine } from '../../session/engine-switch.js';
import { useWorkbenchApi } from '../../session/workbench-context.js';
import { recipeNameFor } from '../base/choose-base.js';
import type { PromptSpec } from './tab-types.js';

export interface RecipeFile {
  /** Save to the recipe's path, asking for one (default in the recipes folder) the first time. */
  save(then?: () => void): void;
  /** Load a recipe file into the workbench; false when it has problems (reported). */
  open(path: string): Promise<boolean>;
  /** The file a typed path means: absolute or `~/…` as it is, else in the recipes folder. */
  resolve(typed: string): string;
  /** The recipes folder for prompts (`~/…`). */
  folder: string;
}

export function useRecipeFile(ask: (prompt: PromptSpec) => void): RecipeFile {
  const workbench = useWorkbenchApi();
  const { store, services } = workbench;
  const wizard = useWizard();

  const home = homedir();
  const recipesDir = useMemo(() => path.dirname(services.recipes.defaultPath('recipe')), [services]);
  const resolve = useCallback((typed: string) => resolveRecipePath(typed, recipesDir, home), [recipesDir, home]);
  const folder = displayDir(recipesDir, home);

  const write = useCallback(
    async (path: string, then?: () => void, rename?: string) => {
      const current = store.getState().recipe.doc;
      if (!current) return;
      const doc = rename ? { ...current, name: rename } : current;
      try {
        await services.recipes.save(path, doc);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        wizard.notify(`Not saved: ${path}: ${e.code ?? e.message} (choose another path with s after fixing it)`, 'fail');
        return;
      }
      // Edits made while the file was written stay marked as unsaved.
      const now = store.getState().recipe.doc;
      if (now === current) store.setRecipe(doc, { path, saved: true });
      else if (rename && now) store.setRecipe({ ...now, name: rename }, { path });
      else store.update((s) => ({ ...s, recipe: { ...s.recipe, path } }));
      services.settings.update((s) => rememberRecipe(s, path));
      wizard.notify(rename ? `Saved ${path} (recipe named ${rename} after the file)` : `Saved ${path}`, 'pass');
      then?.();
    },
    [store, services, wizard],
  );

  const save = useCallback(
    (then?: () => void) => {
      const { doc, path, problems } = store.getState().recipe;
      if (!doc) {
        wizard.notify('No recipe to save: choose a base on step 2, or o opens one', 'info');
        return;
      }
      if (problems.length > 0) {
        wizard.notify(`Not saved: ${problems.length} problem${problems.length === 1 ? '' : 's'}, first ${formatProblem(problems[0]!)}`, 'fail');
        return;
      }
      if (path) {
        void write(path, then);
        return;
      }
      ask({
        label: 'Save as:',
        initial: services.recipes.defaultPath(doc.name),
        hint: `a JSON file: absolute, ~/… or relative to ${folder}`,
        validate: (text) => (text.trim() === '' ? { message: 'type a file path' } : text.trim().endsWith('/') ? { message: 'that is a folder; add a file name' } : null),
        submit: (text) => {
          const target = resolve(text);
          // A name still generated from the base image gives way to the name the user chose for the file.
          const suggested = nameFromFile(target);
          const rename = doc.name === recipeNameFor(doc.base.image) && suggested && suggested !== doc.name ? suggested : undefined;
          void write(target, then, rename);
        },
      });
    },
    [store, services, wizard, ask, write, resolve, folder],
  );

  const open = useCallback(
    async (path: string) => {
      const parsed = await services.recipes.load(path);
      if (!parsed.ok) {
        wizard.notify(`${path}: ${parsed.problems.slice(0, 2).map(formatProblem).join('; ')}${parsed.problems.length > 2 ? ` (+${parsed.problems.length - 2} more)` : ''}`, 'fail');
        return false;
      }
      // The engine the recipe names first: the recipe then opens on it, as its file says.
      const engine = await followRecipeEngine(workbench, parsed.recipe, (text) => wizard.notify(text, 'info'));
      store.setRecipe(parsed.recipe, { path, saved: true });
      services.settings.update((s) => rememberRecipe(s, path));
      wizard.notify(engine ? `Opened ${path}; ${engine.text}` : `Opened ${path}`, engine?.tone ?? 'pass');
      return true;
    },
    [workbench, store, services, wizard],
  );

  return { save, open, resolve, folder };
}
