// Unsaved recipe edits are not lost by a stray q: while the open recipe is modified, quitting asks to
// save (when it is valid and has a place to go) or discard. Mounted by the shell for the whole session.
import { useEffect } from 'react';
import { formatProblem } from '../../core/recipe/recipe-problems.js';
import { useWizard } from '../app/wizard-context.js';
import { useOptionalWorkbenchApi, type Workbench } from './workbench-context.js';
import { useWorkbench } from './workbench-context.js';

/** Nothing to draw; keeps the shell's quit guard in step with the recipe's dirty state. */
export function RecipeQuitGuard() {
  const workbench = useOptionalWorkbenchApi();
  return workbench ? <Guard workbench={workbench} /> : null;
}

function Guard({ workbench }: { workbench: Workbench }) {
  const { setQuitGuard } = useWizard();
  const recipe = useWorkbench((s) => s.recipe);
  useEffect(() => {
    if (!recipe.dirty || !recipe.doc) {
      setQuitGuard('recipe', null);
      return;
    }
    const doc = recipe.doc;
    const path = recipe.path ?? workbench.services.recipes.defaultPath(doc.name);
    const save = {
      key: 's',
      label: 'save & quit',
      text: `save the recipe to ${path}, then quit.`,
      run: async () => {
        await workbench.services.recipes.save(path, doc);
        workbench.store.setRecipe(doc, { path, saved: true });
      },
    };
    const discard = { key: 'n', label: 'discard & quit', text: 'quit without saving the edits.', run: () => {} };
    const invalid = recipe.problems.length > 0 ? ` It cannot be saved as it is: ${formatProblem(recipe.problems[0]!)}.` : '';
    setQuitGuard('recipe', {
      reason: `The recipe "${doc.name}" has unsaved edits.${invalid}`,
      choices: invalid ? [discard] : [save, discard],
    });
  }, [recipe, setQuitGuard, workbench]);
  useEffect(() => () => setQuitGuard('recipe', null), [setQuitGuard]);
  return null;
}
