// USE: every flag of the tree the build will use, with its description, searchable with /; Space
// cycles unset → on → off in make.conf USE. The base's profile setting shows beside it when the
// base has been read.
import React, { useMemo } from 'react';
import { Box } from 'ink';
import { cycleSetting, flagSetting, useTokens, withGlobalUse } from '../../../core/recipe/recipe-edit.js';
import type { FlagInfo } from '../../../engine/repo/flag-types.js';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useWorkbench } from '../../session/workbench-context.js';
import { FlagHeader, FlagRow } from './flag-row.js';
import { useRecipeServices } from './recipe-context.js';
import type { TabProps } from './tab-types.js';
import { useTreeFlags, type Loaded } from './use-flag-data.js';

const NAME_WIDTH = 20;

function statusText(loaded: Loaded<{ flags: FlagInfo[]; source: string; problem?: string }>, connected: boolean): { text: string; tone: 'muted' | 'info' | 'warn' } {
  if (!connected) return { text: 'No engine: flag descriptions need the tree; make.conf USE is listed as is', tone: 'warn' };
  if (loaded.status === 'loading') return { text: `Reading flag descriptions from ${loaded.source}…`, tone: 'info' };
  if (loaded.status === 'failed') return { text: `No descriptions: ${loaded.message}`, tone: 'warn' };
  if (loaded.status === 'ready') {
    if (loaded.value.problem) return { text: loaded.value.problem, tone: 'warn' };
    return { text: `${loaded.value.flags.length} flags from ${loaded.value.source} · Space: unset → on → off`, tone: 'muted' };
  }
  return { text: ' ', tone: 'muted' };
}

/** Flags the tree describes, with the ones make.conf sets that it does not describe first. */
function useTabFlags(treeFlags: readonly FlagInfo[], useValue: string | undefined): FlagInfo[] {
  const tokens = useTokens(useValue);
  const known = useMemo(() => new Set(treeFlags.map((f) => f.name)), [treeFlags]);
  const extrasKey = tokens.map((t) => t.replace(/^[-+]/, '')).filter((n) => n !== '*' && !known.has(n)).join(' ');
  return useMemo(() => {
    const extras = [...new Set(extrasKey.split(' ').filter(Boolean))].map((name): FlagInfo => ({ name, description: '(set in make.conf; the tree does not describe it)', origin: 'global' }));
    return extras.length > 0 ? [...extras, ...treeFlags] : (treeFlags as FlagInfo[]);
  }, [extrasKey, treeFlags]);
}

export function UseTab(props: TabProps) {
  const { recipe, width, height, active, edit } = props;
  const services = useRecipeServices();
  const engine = useWorkbench((s) => s.engine);
  const baseUse = useWorkbench((s) => s.base?.use ?? null);
  const connection = engine.status === 'ready' ? engine.connection : null;
  const loaded = useTreeFlags(services, connection, recipe);
  const treeFlags = loaded.status === 'ready' ? loaded.value.flags : EMPTY;
  const items = useTabFlags(treeFlags, recipe.makeConf.USE);
  const tokens = useTokens(recipe.makeConf.USE);
  const profile = useMemo(() => (baseUse ? new Set(baseUse) : null), [baseUse]);
  const list = useList(items, {
    height: Math.max(1, height - 3),
    active,
    searchText: (f) => `${f.name} ${f.description}`,
    onToggle: (f) => edit(withGlobalUse(recipe, f.name, cycleSetting(flagSetting(tokens, f.name)))),
    labels: { toggle: 'cycle' },
  });
  const status = statusText(loaded, connection !== null);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1} width={width} overflow="hidden">
        <Tone tone={status.tone}>{status.text}</Tone>
      </Box>
      <FlagHeader nameWidth={NAME_WIDTH} width={width} column={profile !== null ? 'base' : ''} />
      <ListView
        list={list}
        width={width}
        focused={active}
        empty={loaded.status === 'loading' ? 'Reading…' : 'No flags to show.'}
        renderItem={(f, ctx) => (
          <FlagRow name={f.name} description={f.description} setting={flagSetting(tokens, f.name)} profile={profile ? (profile.has(f.name) ? 'on' : 'off') : null} nameWidth={NAME_WIDTH} ctx={ctx} />
        )}
      />
    </Box>
  );
}

const EMPTY: FlagInfo[] = [];
