// Choosing a farm: the recipes (the open one, then the recipe files of the recipes folder) and the
// engines (`local` and the configured ones), each a list of check boxes; Tab moves between the two,
// Space or Enter chooses, b starts the farm, Esc goes back to the Build step.
import React, { useEffect, useMemo, useState } from 'react';
import os from 'node:os';
import path from 'node:path';
import { Box, Text } from 'ink';
import { displayDir } from '../../../../core/recipe/recipe-path.js';
import { formatProblem } from '../../../../core/recipe/recipe-problems.js';
import { sanitizeText } from '../../../../core/format/sanitize.js';
import { LOCAL_ENGINE } from '../../../../engine/engines/engine-spec.js';
import { ListView } from '../../../components/list/list-view.js';
import { useList } from '../../../components/list/use-list.js';
import { Tone } from '../../../components/tone.js';
import { useCommands } from '../../../keys/key-router.js';
import { engineLabel } from '../../../session/engine-switch.js';
import { useWorkbench, useWorkbenchApi } from '../../../session/workbench-context.js';
import { choiceProblem, OPEN_RECIPE, recipeChoices, toggled, type RecipeChoice } from './farm-choices.js';
import type { FarmController } from './farm-controller.js';
import { useFarmStart } from './use-farm-start.js';

type Pane = 'recipes' | 'engines';

function Check({ on, label, detail, selected, focused, labelWidth }: { on: boolean; label: string; detail: string; selected: boolean; focused: boolean; labelWidth: number }) {
  return (
    <Text wrap="truncate-end" bold={selected} inverse={selected && focused}>
      {`[${on ? 'x' : ' '}] ${sanitizeText(label).padEnd(labelWidth)}`}
      <Tone tone="muted">{detail ? `  ${sanitizeText(detail)}` : ''}</Tone>
    </Text>
  );
}

export function FarmSetup({ controller, width, height }: { controller: FarmController; width: number; height: number }) {
  const { services } = useWorkbenchApi();
  const recipe = useWorkbench((s) => s.recipe);
  const current = engineLabel(useWorkbench((s) => s.engine.name));
  const [files, setFiles] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    services.recipes.files().then((f) => live && setFiles(f), () => live && setFiles([]));
    return () => {
      live = false;
    };
  }, [services]);
  const folder = displayDir(path.dirname(services.recipes.defaultPath('recipe')), os.homedir());
  const open = recipe.doc ? { name: recipe.doc.name, path: recipe.path, dirty: recipe.dirty } : null;
  const recipes = useMemo(() => recipeChoices(open, files ?? [], folder), [open?.name, open?.path, open?.dirty, files, folder]);
  const engines = useMemo(() => [LOCAL_ENGINE, ...(services.engines?.names() ?? [])], [services]);
  // Until the user chooses, the open recipe and the session's engine (both may arrive after f was pressed).
  const [pickedRecipes, setChosenRecipes] = useState<Set<string> | null>(null);
  const [pickedEngines, setChosenEngines] = useState<Set<string> | null>(null);
  const chosenRecipes = pickedRecipes ?? new Set(recipe.doc ? [OPEN_RECIPE] : []);
  const chosenEngines = pickedEngines ?? new Set([current]);
  const [pane, setPane] = useState<Pane>('recipes');
  const { start, loading } = useFarmStart(controller);

  const engineRows = Math.min(engines.length, Math.max(1, Math.floor((height - 10) / 3)));
  // Title, headings, gaps, the verdict and each list's position line when it scrolls: ten rows.
  const recipeRows = Math.max(1, Math.min(recipes.length, height - 10 - engineRows));
  const recipeList = useList(recipes, {
    height: recipeRows, active: pane === 'recipes', searchText: (r) => `${r.label} ${r.detail}`,
    onToggle: (r) => setChosenRecipes(toggled(chosenRecipes, r.key)), onChoose: (r) => setChosenRecipes(toggled(chosenRecipes, r.key)),
    labels: { choose: 'choose', toggle: 'choose' }, footerKeys: ['toggle', 'search'],
  });
  const engineList = useList(engines, {
    height: engineRows, active: pane === 'engines', searchText: (e) => e,
    onToggle: (e) => setChosenEngines(toggled(chosenEngines, e)), onChoose: (e) => setChosenEngines(toggled(chosenEngines, e)),
    labels: { choose: 'choose', toggle: 'choose' }, footerKeys: ['toggle'],
  });

  const openProblem = recipe.problems.length > 0 ? formatProblem(recipe.problems[0]!) : null;
  const keys = recipes.filter((r) => chosenRecipes.has(r.key)).map((r) => r.key);
  const names = engines.filter((e) => chosenEngines.has(e));
  const problem = services.farm ? choiceProblem(keys.length, names.length, openProblem, chosenRecipes.has(OPEN_RECIPE)) : 'this session cannot run a farm';
  const ready = problem === null && !loading;
  // Names padded to the longest (up to a third of the width), so the details line up.
  const recipeWidth = Math.min(Math.floor(width / 3), Math.max(0, ...recipes.map((r) => r.label.length)));
  const engineWidth = Math.min(Math.floor(width / 3), Math.max(0, ...engines.map((e) => e.length)));
  const togglePane = () => setPane((p) => (p === 'recipes' ? 'engines' : 'recipes'));
  useCommands('screen', {
    'pane.next': togglePane,
    'pane.prev': togglePane,
    'build.start': ready ? () => start(keys, names) : undefined,
    'app.back': () => controller.show('none'),
  }, { footer: [...(ready ? [{ keys: 'b', label: 'start farm' }] : []), { keys: 'Tab', label: pane === 'recipes' ? 'engines' : 'recipes' }, { keys: 'Esc', label: 'back' }] });

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1} width={width} overflow="hidden">
        <Tone tone="title" bold wrap="truncate-end">New farm: several recipes on several engines, one shared binhost</Tone>
      </Box>
      <Box height={1} />
      <Box height={1} width={width} overflow="hidden">
        <Text wrap="truncate-end">
          <Text bold={pane === 'recipes'}>{`Recipes (${keys.length} chosen)`}</Text>
          <Tone tone="muted">{files === null ? `  reading ${folder}…` : `  the open one and the files of ${folder}`}</Tone>
        </Text>
      </Box>
      <ListView list={recipeList} width={width} focused={pane === 'recipes'} empty="No recipe: open one on step 3, or save recipes to the recipes folder."
        renderItem={(r: RecipeChoice, ctx) => <Check labelWidth={recipeWidth} on={chosenRecipes.has(r.key)} label={r.label} detail={r.detail} selected={ctx.selected} focused={ctx.focused} />} />
      <Box height={1} />
      <Box height={1} width={width} overflow="hidden">
        <Text wrap="truncate-end">
          <Text bold={pane === 'engines'}>{`Engines (${names.length} chosen)`}</Text>
          <Tone tone="muted">  local and the configured ones (gentoo-wb engines add)</Tone>
        </Text>
      </Box>
      <ListView list={engineList} width={width} focused={pane === 'engines'}
        renderItem={(e: string, ctx) => <Check labelWidth={engineWidth} on={chosenEngines.has(e)} label={e} detail={e === current ? 'in use' : ''} selected={ctx.selected} focused={ctx.focused} />} />
      <Box height={1} />
      <Box width={width} height={2} overflow="hidden">
        {loading ? (
          <Tone tone="info">Reading the recipes…</Tone>
        ) : problem === null ? (
          <Text wrap="wrap">
            <Tone tone="key" bold>b</Tone>
            {` builds ${keys.length} recipes on ${names.join(', ')} (each recipe to the engine of its architecture with the most free CPUs).`}
          </Text>
        ) : (
          <Tone tone="warn" wrap="wrap">{`Cannot start yet: ${problem}`}</Tone>
        )}
      </Box>
    </Box>
  );
}
