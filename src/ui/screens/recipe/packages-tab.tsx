// Packages: the atoms to build. a adds and Enter edits through the package search (the tree's names,
// versions and descriptions while typing), d removes. Each row says what the tree makes of the atom:
// the version emerge would take, or why it is a problem (no such package: the closest names).
import React, { useMemo, useState } from 'react';
import { Box } from 'ink';
import { acceptanceOf, atomCheckProblem, checkAtom } from '../../../core/recipe/atom-check.js';
import { withoutPackage, withPackage } from '../../../core/recipe/recipe-edit.js';
import { validateRecipe } from '../../../core/recipe/recipe-validate.js';
import { HeadedList } from '../../components/list/headed-list.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { useLook } from '../../theme/theme-context.js';
import { PackageSearch } from './package-search/package-search.js';
import { versionLabel } from './package-search/search-rows.js';
import type { TabProps } from './tab-types.js';
import { SelectionText } from '../../components/list/selection-text.js';

/** What the tree says of one row: a version (fine) or a problem, or nothing (no index yet). */
type Verdict = { kind: 'ok'; text: string } | { kind: 'bad'; text: string } | null;

function useVerdicts(props: TabProps): Map<string, Verdict> {
  const { recipe, repo } = props;
  return useMemo(() => {
    const out = new Map<string, Verdict>();
    if (repo.status !== 'ready') return out;
    const { index } = repo.value;
    const accept = acceptanceOf(recipe);
    for (const atom of recipe.packages) {
      const check = checkAtom(index, atom, accept);
      if (check.kind === 'ok') out.set(atom, { kind: 'ok', text: versionLabel(check.best) });
      else if (check.kind !== 'skipped') {
        const p = atomCheckProblem(index, atom, check, false);
        if (!p) continue;
        // The row repeats the atom: say the rest briefly, versions with eix's markers.
        const text = check.kind === 'missing' ? (check.suggestions.length > 0 ? `no such package; did you mean ${check.suggestions.join(', ')}?` : 'no such package in the tree')
          : check.kind === 'hidden' ? `only ${check.versions.map((h) => versionLabel(h.version)).join(' ')}: keywords or masks keep emerge off`
            : p.problem.slice(atom.length + 1);
        out.set(atom, { kind: 'bad', text });
      }
    }
    return out;
  }, [recipe, repo]);
}

export function PackagesTab(props: TabProps) {
  const { recipe, width, height, active, edit } = props;
  const { glyphs } = useLook();
  const [searching, setSearching] = useState<{ index?: number } | null>(null);
  const problems = new Set(validateRecipe(recipe).filter((p) => p.field.startsWith('packages[')).map((p) => p.field));
  const verdicts = useVerdicts(props);
  const list = useList(recipe.packages, {
    height: Math.max(1, height - 2),
    active: active && searching === null,
    searchText: (a) => a,
    onChoose: (_a, i) => setSearching({ index: i }),
    labels: { choose: 'edit' },
    footer: ['recipe.add', 'recipe.delete'],
  });
  useCommands(
    'screen',
    {
      'recipe.add': () => setSearching({}),
      'recipe.delete': () => {
        if (list.selectedItem === undefined) return;
        edit(withoutPackage(recipe, list.visible[list.selected]!));
        props.notify(`Removed ${list.selectedItem}`, 'info');
      },
    },
    { active: active && searching === null, footer: [] },
  );
  if (searching !== null && active) {
    const { index } = searching;
    return (
      <PackageSearch
        label={index === undefined ? 'Add atom:' : 'Atom:'}
        initial={index === undefined ? '' : recipe.packages[index] ?? ''}
        width={width}
        height={height}
        repo={props.repo}
        onSubmit={(atom) => {
          setSearching(null);
          edit(withPackage(recipe, atom, index));
        }}
        onCancel={() => setSearching(null)}
      />
    );
  }
  const source = props.repo.status === 'ready' ? `; checked against ${props.repo.value.index.source}` : props.repo.status === 'failed' ? '; not checked against the tree (see a)' : '';
  return (
    <HeadedList
      height={height}
      headings={[<Tone tone="muted" wrap="truncate-end">{`${recipe.packages.length} atom${recipe.packages.length === 1 ? '' : 's'} for emerge${source}`}</Tone>]}
      list={list}
      width={width}
      focused={active}
      empty="No packages yet: a adds one (e.g. app-misc/hello)."
      renderItem={(atom, ctx) => {
        const index = recipe.packages.indexOf(atom);
        const verdict = verdicts.get(atom) ?? null;
        const bad = problems.has(`packages[${index}]`) || verdict?.kind === 'bad';
        return (
          <Box width={ctx.width}>
            <Box width={2} flexShrink={0}>
              <Tone tone={bad ? 'fail' : 'pass'}>{bad ? glyphs.fail : ' '}</Tone>
            </Box>
            <Box flexShrink={0}>
              <SelectionText ctx={ctx}>{atom}</SelectionText>
            </Box>
            {verdict ? (
              <Box flexShrink={1} overflow="hidden">
                <Tone tone={verdict.kind === 'bad' ? 'fail' : 'muted'} wrap="truncate-end">{`  ${verdict.text}`}</Tone>
              </Box>
            ) : null}
          </Box>
        );
      }}
    />
  );
}
