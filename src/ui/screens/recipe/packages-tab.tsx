// Packages: the atoms to build. a adds, Enter edits, d removes; atoms are checked as typed with
// the bad part marked.
import React from 'react';
import { Box, Text } from 'ink';
import { withoutPackage, withPackage } from '../../../core/recipe/recipe-edit.js';
import { validateRecipe } from '../../../core/recipe/recipe-validate.js';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { useLook } from '../../theme/theme-context.js';
import { atomProblem } from './field-checks.js';
import type { TabProps } from './tab-types.js';

const HINT = 'category/name, optionally with version and slot: >=dev-lang/php-8.3:8.3';

export function PackagesTab(props: TabProps) {
  const { recipe, width, height, active, edit, ask } = props;
  const { glyphs } = useLook();
  const problems = new Set(validateRecipe(recipe).filter((p) => p.field.startsWith('packages[')).map((p) => p.field));
  const askAtom = (index?: number) =>
    ask({
      label: index === undefined ? 'Add atom:' : 'Atom:',
      initial: index === undefined ? '' : recipe.packages[index] ?? '',
      hint: HINT,
      validate: (text) => atomProblem(text, true),
      submit: (text) => edit(withPackage(recipe, text.trim(), index)),
    });
  const list = useList(recipe.packages, {
    height: Math.max(1, height - 2),
    active,
    searchText: (a) => a,
    onChoose: (_a, i) => askAtom(i),
    labels: { choose: 'edit' },
    footer: ['recipe.add', 'recipe.delete'],
  });
  useCommands(
    'screen',
    {
      'recipe.add': () => askAtom(),
      'recipe.delete': () => {
        if (list.selectedItem === undefined) return;
        edit(withoutPackage(recipe, list.visible[list.selected]!));
        props.notify(`Removed ${list.selectedItem}`, 'info');
      },
    },
    { active, footer: [] },
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1}>
        <Tone tone="muted">{`${recipe.packages.length} atom${recipe.packages.length === 1 ? '' : 's'} for emerge; dependencies come by themselves`}</Tone>
      </Box>
      <ListView
        list={list}
        width={width}
        focused={active}
        empty="No packages yet: a adds one (e.g. app-misc/hello)."
        renderItem={(atom, ctx) => {
          const index = recipe.packages.indexOf(atom);
          const bad = problems.has(`packages[${index}]`);
          return (
            <Box width={ctx.width}>
              <Box width={2} flexShrink={0}>
                <Tone tone={bad ? 'fail' : 'pass'}>{bad ? glyphs.fail : ' '}</Tone>
              </Box>
              <Text bold={ctx.selected} inverse={ctx.selected && ctx.focused} wrap="truncate-end">{atom}</Text>
            </Box>
          );
        }}
      />
    </Box>
  );
}
