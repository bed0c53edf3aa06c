// Step 3, Recipe: the open recipe in eight tabs — Packages · USE · package.use · Keywords ·
// make.conf · Mode · Image · Binaries. Everything typed is checked as it is typed; s saves (atomically, asking
// for a path the first time); o opens another recipe, asking first when edits are unsaved; R renames.
import React, { useCallback, useMemo, useState } from 'react';
import { Box } from 'ink';
import { checkRecipeAtoms } from '../../../core/recipe/atom-check.js';
import { formatProblem } from '../../../core/recipe/recipe-problems.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import { useWizard } from '../../app/wizard-context.js';
import { TextInput } from '../../components/text-input/text-input.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { useContentSize } from '../../layout/content-size.js';
import { useWorkbench, useWorkbenchApi } from '../../session/workbench-context.js';
import { useBaseServices } from '../base/base-context.js';
import { BinariesTab } from './binaries-tab.js';
import { ImageTab, MakeConfTab, ModeTab } from './form-tabs.js';
import { KeywordsTab } from './keywords-tab.js';
import { ConfirmDiscard, OpenPanel } from './open-dialogs.js';
import { useRecipeFolder } from './use-recipe-folder.js';
import { PackageUseTab } from './package-use-tab.js';
import { PackagesTab } from './packages-tab.js';
import { useRecipeServices } from './recipe-context.js';
import { RecipeHeader, TABS } from './recipe-header.js';
import type { PromptSpec, TabProps } from './tab-types.js';
import { useRepoIndex } from './use-flag-data.js';
import { UseTab } from './use-tab.js';
import { useRecipeFile } from './use-recipe-file.js';

const PROMPT_ROWS = 3;
type Dialog = 'discard' | 'open' | null;

/** The Recipe screen. */
export function RecipeScreen() {
  const { width, height } = useContentSize();
  const wizard = useWizard();
  const { store, services } = useWorkbenchApi();
  const recipe = useWorkbench((s) => s.recipe);
  const sizing = useWorkbench((s) => s.sizing);
  const baseServices = useBaseServices();
  const engine = useWorkbench((s) => s.engine);
  const repo = useRepoIndex(useRecipeServices(), engine.status === 'ready' ? engine.connection : null, recipe.doc);
  // Syntax problems first, then atoms the tree does not have (once its index is read; the Packages
  // tab names the tree, so the one problem line keeps its room for the suggestion).
  const problems = useMemo(
    () => [...recipe.problems, ...(repo.status === 'ready' && recipe.doc ? checkRecipeAtoms(repo.value.index, recipe.doc, false) : [])],
    [recipe.problems, recipe.doc, repo],
  );
  const [tab, setTab] = useState(0);
  const [prompt, setPrompt] = useState<PromptSpec | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const folderFiles = useRecipeFolder(dialog === 'open');
  const [promptSeq, setPromptSeq] = useState(0);
  const ask = useCallback((p: PromptSpec) => {
    setPrompt(p);
    setPromptSeq((n) => n + 1);
  }, []);
  const file = useRecipeFile(ask);
  const edit = useCallback((next: Recipe) => store.setRecipe(next), [store]);
  const idle = prompt === null && dialog === null;

  const openAsk = () => setDialog(recipe.dirty && recipe.doc ? 'discard' : 'open');
  const askPath = () =>
    ask({
      label: 'Open:',
      initial: '',
      hint: `a JSON file: absolute, ~/… or relative to ${file.folder}`,
      // Empty shows the hint (where a relative path goes) rather than an error; Enter on it cancels.
      validate: (text) => (text.trim().endsWith('/') ? { message: 'that is a folder; add a file name' } : null),
      submit: (text) => {
        if (text.trim() !== '') void file.open(file.resolve(text));
      },
    });

  const askName = () => {
    const doc = recipe.doc;
    if (!doc) return;
    ask({
      label: 'Name:',
      initial: doc.name,
      hint: 'the recipe name: one word (letters, digits, . _ -)',
      validate: (text) => (text.trim() === '' ? { message: 'type a name' } : /[^A-Za-z0-9._-]/.test(text.trim()) ? { message: 'use letters, digits, . _ - only' } : null),
      submit: (text) => {
        const name = text.trim();
        const now = store.getState().recipe.doc;
        if (!now || name === now.name) return;
        store.setRecipe({ ...now, name });
        wizard.notify(`Renamed the recipe to ${name}; s saves it${recipe.path ? ` (to ${recipe.path})` : ''}`, 'info');
      },
    });
  };

  useCommands(
    'screen',
    {
      'recipe.nextTab': () => setTab((t) => (t + 1) % TABS.length),
      'recipe.prevTab': () => setTab((t) => (t + TABS.length - 1) % TABS.length),
      'pane.next': () => setTab((t) => (t + 1) % TABS.length),
      'pane.prev': () => setTab((t) => (t + TABS.length - 1) % TABS.length),
      'action.save': () => file.save(),
      'recipe.open': openAsk,
      'recipe.rename': askName,
    },
    { active: idle && recipe.doc !== null, footer: ['action.save', 'recipe.rename'] },
  );
  useCommands('screen', { 'recipe.open': openAsk }, { active: idle && recipe.doc === null, footer: ['recipe.open'] });

  const promptRows = prompt ? PROMPT_ROWS : 0;
  const bodyHeight = Math.max(3, height - 3 - promptRows);
  const problemLine = problems[0] ? `${problems.length > 1 ? `(1 of ${problems.length}) ` : ''}${formatProblem(problems[0])}` : 'No problems: s saves, then Pretend (4) shows what emerge would do.';

  let body: React.ReactNode;
  if (dialog === 'open') {
    body = (
      <OpenPanel
        recent={services.settings.read().recentRecipes}
        folder={folderFiles}
        width={width}
        height={height - promptRows}
        onOpen={(path) => void file.open(path).then((ok) => ok && setDialog(null))}
        onTypePath={() => {
          setDialog(null);
          askPath();
        }}
        onClose={() => setDialog(null)}
      />
    );
  } else if (!recipe.doc) {
    body = (
      <Box flexDirection="column" width={width} height={height - promptRows}>
        <Tone tone="title" bold>No recipe is open.</Tone>
        <Tone tone="muted" wrap="wrap">Choose a base on step 2 (a new recipe starts there), or press o to open a recipe file.</Tone>
      </Box>
    );
  } else {
    const props: TabProps = { recipe: recipe.doc, width, height: bodyHeight, active: idle, edit, ask, notify: wizard.notify, repo };
    const name = TABS[tab];
    body = (
      <>
        <RecipeHeader name={recipe.doc.name} path={recipe.path} dirty={recipe.dirty} problems={problems.length} tab={tab} width={width} />
        {dialog === 'discard' ? (
          <ConfirmDiscard
            name={recipe.doc.name}
            width={width}
            onSave={() => {
              setDialog(null);
              file.save(() => setDialog('open'));
            }}
            onDiscard={() => setDialog('open')}
            onStay={() => setDialog(null)}
          />
        ) : (
          <Box height={bodyHeight} width={width} flexDirection="column">
            {name === 'Packages' ? <PackagesTab {...props} />
              : name === 'USE' ? <UseTab {...props} />
                : name === 'package.use' ? <PackageUseTab {...props} />
                  : name === 'Keywords' ? <KeywordsTab {...props} />
                    : name === 'make.conf' ? <MakeConfTab {...props} sizing={sizing ?? baseServices.localSizing()} />
                      : name === 'Mode' ? <ModeTab {...props} />
                        : name === 'Image' ? <ImageTab {...props} />
                          : <BinariesTab {...props} />}
          </Box>
        )}
        <Box height={1} width={width} overflow="hidden">
          <Tone tone={problems.length > 0 ? 'warn' : 'muted'}>{problemLine}</Tone>
        </Box>
      </>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {body}
      {prompt ? (
        <Box height={PROMPT_ROWS} width={width}>
          <TextInput
            key={promptSeq}
            label={prompt.label}
            initial={prompt.initial}
            width={width}
            validate={prompt.validate}
            hint={prompt.hint}
            onSubmit={(value) => {
              setPrompt(null);
              prompt.submit(value);
            }}
            onCancel={() => setPrompt(null)}
          />
        </Box>
      ) : null}
    </Box>
  );
}
