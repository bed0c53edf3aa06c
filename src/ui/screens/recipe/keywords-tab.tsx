// Keywords: package.accept_keywords lines (ATOM [KEYWORD…]; no keyword means ~arch). a adds, Enter
// edits, d removes.
import React from 'react';
import { Box } from 'ink';
import { joinWords } from '../../../core/recipe/recipe-fields.js';
import { withKeywords, withoutKeywords } from '../../../core/recipe/recipe-edit.js';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { fieldProblem, parseKeywordsLine } from './field-checks.js';
import type { TabProps } from './tab-types.js';
import { SelectionText } from '../../components/list/selection-text.js';

export function KeywordsTab(props: TabProps) {
  const { recipe, width, height, active, edit, ask } = props;
  const askLine = (index?: number) => {
    const current = index === undefined ? undefined : recipe.packageAcceptKeywords[index];
    ask({
      label: 'Keywords:',
      initial: current ? joinWords([current.atom, ...current.keywords]) : '',
      hint: 'ATOM [KEYWORD…], e.g. =dev-libs/openssl-3.4.0 ~amd64 (none: ~arch)',
      validate: (text) => {
        const parsed = parseKeywordsLine(text);
        if (!parsed.ok) return { message: parsed.problem, offset: parsed.offset };
        return fieldProblem(withKeywords(recipe, parsed.value.atom, parsed.value.keywords, index), 'packageAcceptKeywords');
      },
      submit: (text) => {
        const parsed = parseKeywordsLine(text);
        if (parsed.ok) edit(withKeywords(recipe, parsed.value.atom, parsed.value.keywords, index));
      },
    });
  };
  const list = useList(recipe.packageAcceptKeywords, {
    height: Math.max(1, height - 2),
    active,
    searchText: (e) => `${e.atom} ${e.keywords.join(' ')}`,
    onChoose: (_e, i) => askLine(i),
    labels: { choose: 'edit' },
    footer: ['recipe.add', 'recipe.delete'],
  });
  useCommands(
    'screen',
    {
      'recipe.add': () => askLine(),
      'recipe.delete': () => list.selectedItem && edit(withoutKeywords(recipe, list.visible[list.selected]!)),
    },
    { active, footer: [] },
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Tone tone="muted">{'/etc/portage/package.accept_keywords/gentoo-wb: testing (~arch) versions allowed'}</Tone>
      <ListView
        list={list}
        width={width}
        focused={active}
        empty="No entries: a adds one, e.g. =dev-libs/openssl-3.4.0 ~amd64."
        renderItem={(e, ctx) => (
          <Box width={ctx.width}>
            <SelectionText ctx={ctx} wrap="truncate-end">{`${e.atom} ${e.keywords.join(' ') || '(~arch)'}`}</SelectionText>
          </Box>
        )}
      />
    </Box>
  );
}
