// Opening another recipe: first, when this one has unsaved edits, a question (save, discard or
// stay); then the recent recipes and the recipes folder's files to pick from, or a path to type.
import React from 'react';
import { Box, Text } from 'ink';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { SelectionText } from '../../components/list/selection-text.js';

export function ConfirmDiscard({ name, width, onSave, onDiscard, onStay }: { name: string; width: number; onSave: () => void; onDiscard: () => void; onStay: () => void }) {
  useCommands(
    'modal',
    { 'app.back': onStay },
    {
      raw: (key) => {
        if (key === 's') onSave();
        else if (key === 'd') onDiscard();
        else if (key === 'n' || key === 'q') onStay();
        else return false;
        return true;
      },
      footer: [{ keys: 's', label: 'save first' }, { keys: 'd', label: 'discard edits' }, { keys: 'Esc', label: 'stay' }],
    },
  );
  return (
    <Box flexDirection="column" width={width} paddingX={1} borderStyle="single">
      <Tone tone="warn" bold>{`${name} has unsaved edits.`}</Tone>
      <Text wrap="wrap">Opening another recipe would lose them. s saves first, d discards them, Esc stays here.</Text>
    </Box>
  );
}

const TYPE_PATH = '\u0000type';

export function OpenPanel({ recent, folder, width, height, onOpen, onTypePath, onClose }: { recent: string[]; folder: string[]; width: number; height: number; onOpen: (path: string) => void; onTypePath: () => void; onClose: () => void }) {
  // The recent ones first, then those of the recipes folder (where `recipe new NAME` writes) not among them.
  const items = [...recent, ...folder.filter((f) => !recent.includes(f)), TYPE_PATH];
  const list = useList(items, {
    height: Math.max(1, height - 2),
    searchText: (p) => (p === TYPE_PATH ? '' : p),
    onChoose: (p) => (p === TYPE_PATH ? onTypePath() : onOpen(p)),
    labels: { choose: 'open' },
    footer: [{ keys: 'Esc', label: 'close' }],
  });
  useCommands('screen', { 'app.back': onClose }, { footer: [] });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Tone tone="title" bold>Open a recipe</Tone>
      <ListView
        list={list}
        width={width}
        focused
        renderItem={(p, ctx) => (
          <SelectionText ctx={ctx} wrap="truncate-middle">{p === TYPE_PATH ? 'Type a path…' : p}</SelectionText>
        )}
      />
    </Box>
  );
}
