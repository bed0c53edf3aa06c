// Saving and opening recipes from the Recipe screen. Saving is atomic (the recipe store writes a
// temporary file and renames it), asks for a path the first time, refuses a recipe with problems
// (a saved recipe always loads again) and puts the path first in the recent list. Opening never
// drops unsaved edits silently: the screen asks first.
import { useCallback } from 'react';
import { formatProblem } from '../../../core/recipe/recipe-problems.js';
import { rememberRecipe } from '../../../core/settings.js';
import { useWizard } from '../../app/wizard-context.js';
import { useWorkbenchApi } from '../../session/workbench-context.js';
import type { PromptSpec } from './tab-types.js';

export interface RecipeFile {
  /** Save to the recipe's path, asking for one (default in the recipes folder) the first time. */
  save(then?: () => void): void;
  /** Load a recipe file into the workbench; false when it has problems (reported). */
  open(path: string): Promise<boolean>;
}

export function useRecipeFile(ask: (prompt: PromptSpec) => void): RecipeFile {
  const { store, services } = useWorkbenchApi();
  const wizard = useWizard();

  const write = useCallback(
    async (path: string, then?: () => void) => {
      const doc = store.getState().recipe.doc;
      if (!doc) return;
      try {
        await services.recipes.save(path, doc);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        wizard.notify(`Not saved: ${path}: ${e.code ?? e.message} (choose another path with s after fixing it)`, 'fail');
        return;
      }
      // Edits made while the file was written stay marked as unsaved.
      if (store.getState().recipe.doc === doc) store.setRecipe(doc, { path, saved: true });
      else store.update((s) => ({ ...s, recipe: { ...s.recipe, path } }));
      services.settings.update((s) => rememberRecipe(s, path));
      wizard.notify(`Saved ${path}`, 'pass');
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
        hint: 'the recipe file (JSON); folders are created',
        validate: (text) => (text.trim() === '' ? { message: 'type a file path' } : text.trim().endsWith('/') ? { message: 'that is a folder; add a file name' } : null),
        submit: (text) => void write(text.trim(), then),
      });
    },
    [store, services, wizard, ask, write],
  );

  const open = useCallback(
    async (path: string) => {
      const parsed = await services.recipes.load(path);
      if (!parsed.ok) {
        wizard.notify(`${path}: ${parsed.problems.slice(0, 2).map(formatProblem).join('; ')}${parsed.problems.length > 2 ? ` (+${parsed.problems.length - 2} more)` : ''}`, 'fail');
        return false;
      }
      store.setRecipe(parsed.recipe, { path, saved: true });
      services.settings.update((s) => rememberRecipe(s, path));
      wizard.notify(`Opened ${path}`, 'pass');
      return true;
    },
    [store, services, wizard],
  );

  return { save, open };
}
