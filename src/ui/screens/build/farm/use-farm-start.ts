// Starting a farm from the setup: the chosen recipe files loaded and checked (a file with problems is
// named, nothing starts; so is one naming an engine not chosen), the open recipe taken as it is in the workbench, then the farm controller runs.
import { useCallback, useState } from 'react';
import { pinnedEngineProblem } from '../../../../core/farm/farm-schedule.js';
import { formatProblem } from '../../../../core/recipe/recipe-problems.js';
import type { FarmRecipe } from '../../../../engine/farm/farm-facts.js';
import { useWizard } from '../../../app/wizard-context.js';
import { useWorkbenchApi } from '../../../session/workbench-context.js';
import type { FarmController } from './farm-controller.js';
import { OPEN_RECIPE } from './farm-choices.js';

export function useFarmStart(controller: FarmController): { start: (recipes: readonly string[], engines: readonly string[]) => void; loading: boolean } {
  const { store, services } = useWorkbenchApi();
  const { notify, setQuitGuard } = useWizard();
  const [loading, setLoading] = useState(false);
  const start = useCallback(
    (keys: readonly string[], engines: readonly string[]) => {
      const farm = services.farm;
      if (!farm || loading) return;
      setLoading(true);
      void (async () => {
        const recipes: FarmRecipe[] = [];
        for (const key of keys) {
          if (key === OPEN_RECIPE) {
            const { doc, path } = store.getState().recipe;
            if (doc) recipes.push({ file: path ?? `(unsaved ${doc.name})`, recipe: doc });
            continue;
          }
          const parsed = await services.recipes.load(key);
          if (!parsed.ok) {
            notify(`${key} is not a usable recipe: ${parsed.problems.slice(0, 2).map(formatProblem).join('; ')}; nothing was built`, 'fail');
            return;
          }
          recipes.push({ file: key, recipe: parsed.recipe });
        }
        // A recipe that names an engine left out of the farm is refused before any engine is asked,
        // as `gentoo-wb build R1 R2 … --engines` does.
        for (const { recipe } of recipes) {
          const pinned = pinnedEngineProblem(recipe, engines);
          if (pinned !== null) {
            notify(`${pinned}: choose that engine too (Tab goes to the engines), or take the field out of the recipe; nothing was built`, 'fail');
            return;
          }
        }
        try {
          // The quit question goes with the farm, also when it ends while another step is shown.
          controller.start(farm, recipes, [...engines], () => setQuitGuard('farm', null));
        } catch (err) {
          notify((err as Error).message, 'warn');
        }
      })().finally(() => setLoading(false));
    },
    [services, store, controller, notify, setQuitGuard, loading],
  );
  return { start, loading };
}
