// package.use: one entry per atom; Enter opens the package's IUSE (with descriptions from its
// metadata.xml, use.local.desc and use.desc of the build's tree) where Space cycles each flag.
// Leaving a package with no flags set drops its entry.
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { cycleSetting, flagSetting, withoutEmptyPackageUse, withoutPackageUse, withPackageUseEntry, withPackageUseFlag } from '../../../core/recipe/recipe-edit.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { useWorkbench } from '../../session/workbench-context.js';
import { atomProblem } from './field-checks.js';
import { FlagHeader, FlagRow } from './flag-row.js';
import { useRecipeServices } from './recipe-context.js';
import type { TabProps } from './tab-types.js';
import { usePackageFlags } from './use-flag-data.js';
import { SelectionText } from '../../components/list/selection-text.js';

const NAME_WIDTH = 20;

interface PackageFlagItem {
  name: string;
  description: string;
  default: 'on' | 'off' | null;
}

function EntryList({ props, open }: { props: TabProps; open: (atom: string) => void }) {
  const { recipe, width, height, active, edit, ask } = props;
  const list = useList(recipe.packageUse, {
    height: Math.max(1, height - 2),
    active,
    searchText: (e) => `${e.atom} ${e.flags.join(' ')}`,
    onChoose: (e) => open(e.atom),
    labels: { choose: 'flags' },
    footer: ['recipe.add', 'recipe.delete'],
  });
  useCommands(
    'screen',
    {
      'recipe.add': () =>
        ask({
          label: 'package.use atom:',
          initial: '',
          hint: 'the package whose flags to set, e.g. net-misc/curl',
          validate: (text) => atomProblem(text, false),
          submit: (text) => {
            edit(withPackageUseEntry(recipe, text.trim()));
            open(text.trim());
          },
        }),
      'recipe.delete': () => list.selectedItem && edit(withoutPackageUse(recipe, list.selectedItem.atom)),
    },
    { active, footer: [] },
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Tone tone="muted">{'/etc/portage/package.use/gentoo-wb: flags for one package'}</Tone>
      <ListView
        list={list}
        width={width}
        focused={active}
        empty="No entries: a adds a package, then Space sets its flags."
        renderItem={(e, ctx) => (
          <Box width={ctx.width}>
            <Box width={Math.min(40, Math.max(20, Math.floor(ctx.width / 2)))} flexShrink={0}>
              <SelectionText ctx={ctx} wrap="truncate-end">{e.atom}</SelectionText>
            </Box>
            <Text wrap="truncate-end">{` ${e.flags.join(' ') || '(no flags yet)'}`}</Text>
          </Box>
        )}
      />
    </Box>
  );
}

function FlagList({ props, atom, close }: { props: TabProps; atom: string; close: (recipe: Recipe) => void }) {
  const { recipe, width, height, active, edit } = props;
  const services = useRecipeServices();
  const engine = useWorkbench((s) => s.engine);
  const connection = engine.status === 'ready' ? engine.connection : null;
  const loaded = usePackageFlags(services, connection, recipe, atom);
  const entry = recipe.packageUse.find((e) => e.atom === atom);
  const flags = useMemo(() => entry?.flags ?? [], [entry]);
  const iuse = loaded.status === 'ready' ? loaded.value.flags : null;
  const extrasKey = flags.map((f) => f.replace(/^[-+]/, '')).filter((n) => !iuse?.some((f) => f.name === n)).join(' ');
  const items = useMemo((): PackageFlagItem[] => {
    const extras = extrasKey.split(' ').filter(Boolean).map((name) => ({ name, description: '(not in this package\'s IUSE)', default: null }));
    return [...extras, ...(iuse ?? [])];
  }, [iuse, extrasKey]);
  const list = useList(items, {
    height: Math.max(1, height - 3),
    active,
    searchText: (f) => `${f.name} ${f.description}`,
    onToggle: (f) => edit(withPackageUseFlag(recipe, atom, f.name, cycleSetting(flagSetting(flags, f.name)))),
    labels: { toggle: 'cycle' },
    footer: [{ keys: 'Esc', label: 'entries' }],
  });
  useCommands('screen', { 'app.back': () => close(recipe) }, { active, footer: [] });
  const status =
    !connection ? 'No engine: IUSE needs the tree'
      : loaded.status === 'loading' ? `Reading ${atom} from ${loaded.source}…`
        : loaded.status === 'failed' ? `Cannot read ${atom}: ${loaded.message}`
          : loaded.status === 'ready' ? (loaded.value.problem ?? `${loaded.value.cp}-${loaded.value.version ?? '?'}: ${loaded.value.flags.length} flags in IUSE`) : ' ';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} width={width} overflow="hidden">
        <Text bold>{`${atom} `}</Text>
        <Tone tone={loaded.status === 'failed' || (loaded.status === 'ready' && loaded.value.problem) ? 'warn' : 'muted'}>{status}</Tone>
      </Box>
      <FlagHeader nameWidth={NAME_WIDTH} width={width} column="dflt" />
      <ListView
        list={list}
        width={width}
        focused={active}
        empty={loaded.status === 'loading' ? 'Reading…' : 'No flags.'}
        renderItem={(f, ctx) => <FlagRow name={f.name} description={f.description} setting={flagSetting(flags, f.name)} profile={f.default} nameWidth={NAME_WIDTH} ctx={ctx} />}
      />
    </Box>
  );
}

export function PackageUseTab(props: TabProps) {
  const [atom, setAtom] = useState<string | null>(null);
  if (atom !== null) {
    return (
      <FlagList
        props={props}
        atom={atom}
        close={(recipe) => {
          setAtom(null);
          const cleaned = withoutEmptyPackageUse(recipe);
          if (cleaned !== recipe) props.edit(cleaned);
        }}
      />
    );
  }
  return <EntryList props={props} open={setAtom} />;
}
