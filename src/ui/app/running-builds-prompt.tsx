// At start, builds that still run on this machine (their labelled containers are up, their state
// files say unfinished) are offered for following again: Enter attaches and opens the Build step.
// Asked once, as soon as the engine answers. Mounted by the shell for the whole session, so it also
// keeps the quit guard in step with a running build whichever step is shown.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { BuildListing } from '../../engine/build/build-list.js';
import { useWizard } from './wizard-context.js';
import { useCommands } from '../keys/key-router.js';
import { useTerminalSize } from '../layout/terminal-size.js';
import { useBuildQuitGuard } from '../screens/build/use-build-quit-guard.js';
import { useOptionalWorkbenchApi, useWorkbench, type Workbench } from '../session/workbench-context.js';
import { ChoiceList } from '../components/choice-list/choice-list.js';
import { useChoice } from '../components/choice-list/use-choice.js';
import { Tone } from '../components/tone.js';
import { wrappedRows } from '../components/wrapped-text.js';

/** The start-up offer to reattach, when there is a workbench. */
export function RunningBuildsPrompt() {
  const workbench = useOptionalWorkbenchApi();
  return workbench ? <PromptHost workbench={workbench} /> : null;
}

function age(createdAt: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(createdAt)) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min ago` : `${Math.floor(hours / 24)} days ago`;
}

function PromptHost({ workbench }: { workbench: Workbench }) {
  const wizard = useWizard();
  useBuildQuitGuard(workbench);
  const engine = useWorkbench((s) => s.engine);
  const [builds, setBuilds] = useState<BuildListing[] | null>(null);
  const asked = useRef(false);
  const { notify } = wizard;

  useEffect(() => {
    if (asked.current || engine.status !== 'ready') return;
    asked.current = true;
    workbench.services.builds.attachable(engine.connection).then(
      (list) => {
        const current = workbench.store.getState().build;
        // `gentoo-wb attach ID` already follows one (or is still reaching for it: reading its state
        // and container takes longer than this list): do not offer it (or others) on top.
        if (current?.outcome === 'running' || workbench.builds.attaching !== null) return;
        const others = list.filter((b) => b.id !== current?.id);
        if (others.length > 0) setBuilds(others);
      },
      (err: Error) => notify(`Could not look for running builds: ${err.message}`, 'warn'),
    );
  }, [engine, workbench, notify]);

  if (!builds || engine.status !== 'ready') return null;
  const attach = (build: BuildListing) => {
    setBuilds(null);
    wizard.goTo('build');
    workbench.builds.attach(engine.connection, build.id).catch((err: Error) => notify(`Could not attach to ${build.id}: ${err.message}`, 'fail'));
  };
  return <Prompt builds={builds} onAttach={attach} onDismiss={() => setBuilds(null)} />;
}

const INTRO = 'Their containers are still there: they went on after the session that started them ended. Follow one again?';
const OUTRO = 'Enter follows it on the Build step; Esc leaves it running. Later: gentoo-wb builds lists them, gentoo-wb attach ID follows one.';

function Prompt({ builds, onAttach, onDismiss }: { builds: BuildListing[]; onAttach: (b: BuildListing) => void; onDismiss: () => void }) {
  const { selected, move } = useChoice(builds.length);
  useCommands(
    'modal',
    {
      'move.up': () => move(-1),
      'move.down': () => move(1),
      'item.choose': () => onAttach(builds[selected]!),
      'app.back': onDismiss,
      'app.quit': onDismiss,
    },
    { footer: [{ keys: '↑↓', label: 'choose' }, { keys: 'Enter', label: 'attach' }, { keys: 'Esc/h', label: 'not now' }] },
  );
  const size = useTerminalSize();
  const now = Date.now();
  const n = builds.length;
  // The list gets what the shell's frame (step bar, footer) and the prompt's own text leave.
  const textWidth = Math.max(1, size.columns - 4);
  const listRows = size.rows - 1 - 2 - 2 - 1 - 2 - wrappedRows(INTRO, textWidth).length - wrappedRows(OUTRO, textWidth).length;
  const choices = builds.map((b) => ({
    key: b.id,
    label: `${b.id}  ${b.recipe}  ${b.mode}  started ${age(b.createdAt, now)}${b.status === 'running' ? '' : `, ${b.status}`}${b.container === 'running' ? '' : `, container ${b.container}`}`,
    value: b,
  }));
  return (
    <Box flexDirection="column" width="100%" height="100%" flexShrink={0} paddingX={1} borderStyle="single" overflow="hidden">
      <Box flexShrink={0}>
        <Tone tone="title" bold>
          {n === 1 ? 'A build on this machine has not finished' : `${n} builds on this machine have not finished`}
        </Tone>
      </Box>
      <Box flexShrink={0}>
        <Text wrap="wrap">{INTRO}</Text>
      </Box>
      <Box height={1} flexShrink={0} />
      <Box flexDirection="column" flexShrink={1} overflow="hidden">
        <ChoiceList choices={choices} selected={selected} wrap="truncate-end" limit={listRows} />
      </Box>
      <Box height={1} flexShrink={0} />
      <Box flexShrink={0}>
        <Text wrap="wrap">{OUTRO}</Text>
      </Box>
    </Box>
  );
}
