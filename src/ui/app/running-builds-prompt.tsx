// At start, builds started from this machine that still run on any engine (their labelled containers
// are up, their state files say unfinished) are offered for following again, with the engine each
// runs on; engines that do not answer are said. Enter attaches on the build's engine (the session
// switches to it) and opens the Build step. Asked once, as soon as the session's engine answers. Mounted by the shell for the whole session, so it also
// keeps the quit guard in step with a running build whichever step is shown.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { EngineBuildListing, UnreachableEngine } from '../../engine/engines/engine-builds.js';
import { useWizard } from './wizard-context.js';
import { useCommands } from '../keys/key-router.js';
import { useTerminalSize } from '../layout/terminal-size.js';
import { useBuildQuitGuard } from '../screens/build/use-build-quit-guard.js';
import { useOptionalWorkbenchApi, useWorkbench, type Workbench } from '../session/workbench-context.js';
import { engineKey, switchEngine } from '../session/engine-switch.js';
import type { AttachableBuilds } from '../session/workbench-services.js';
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
  const [found, setFound] = useState<AttachableBuilds | null>(null);
  const asked = useRef(false);
  const { notify } = wizard;

  useEffect(() => {
    // Asked once the session's own engine has answered (or failed): every engine is asked then.
    if (asked.current || engine.status === 'connecting') return;
    asked.current = true;
    workbench.services.builds.attachable().then(
      (list) => {
        const current = workbench.store.getState().build;
        // `gentoo-wb attach ID` already follows one (or is still reaching for it: reading its state
        // and container takes longer than this list): do not offer it (or others) on top.
        if (current?.outcome === 'running' || workbench.builds.attaching !== null) return;
        const others = list.builds.filter((b) => b.id !== current?.id);
        if (others.length > 0) setFound({ builds: others, unreachable: list.unreachable });
        else if (list.unreachable.length > 0) notify(silentText(list.unreachable), 'warn');
      },
      (err: Error) => notify(`Could not look for running builds: ${err.message}`, 'warn'),
    );
  }, [engine, workbench, notify]);

  if (!found) return null;
  const attach = (build: EngineBuildListing) => {
    setFound(null);
    wizard.goTo('build');
    void attachOnItsEngine(workbench, build).catch((err: Error) => notify(`Could not attach to ${build.id}: ${err.message}`, 'fail'));
  };
  return <Prompt found={found} onAttach={attach} onDismiss={() => setFound(null)} />;
}

/** Follow `build` on the engine it runs on: the session switches to that engine first when it uses another. */
async function attachOnItsEngine(workbench: Workbench, build: EngineBuildListing): Promise<void> {
  const wanted = engineKey(build.engine);
  const engine = workbench.store.getState().engine;
  const connection = engine.status === 'ready' && engine.name === wanted ? engine.connection : (await switchEngine(workbench, wanted)).connection;
  await workbench.builds.attach(connection, build.id);
}

/** Engines that did not answer, in one sentence: their builds may still run. */
function silentText(unreachable: readonly UnreachableEngine[]): string {
  return unreachable
    .map((u) => `Engine ${u.engine} does not answer: ${u.why}. Its ${u.builds === 1 ? 'build is' : `${u.builds} builds are`} not offered here (gentoo-wb builds lists ${u.builds === 1 ? 'it' : 'them'}).`)
    .join(' ');
}

const INTRO = 'Their containers are still there: they went on after the session that started them ended. Follow one again?';
const OUTRO = 'Enter follows it on the Build step (on its engine); Esc leaves it running. Later: gentoo-wb builds lists them, gentoo-wb attach ID follows one.';

function Prompt({ found, onAttach, onDismiss }: { found: AttachableBuilds; onAttach: (b: EngineBuildListing) => void; onDismiss: () => void }) {
  const { builds, unreachable } = found;
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
  const silent = unreachable.length > 0 ? silentText(unreachable) : null;
  // The list gets what the shell's frame (step bar, footer) and the prompt's own text leave.
  const textWidth = Math.max(1, size.columns - 4);
  const silentRows = silent === null ? 0 : 1 + wrappedRows(silent, textWidth).length;
  const listRows = size.rows - 1 - 2 - 2 - 1 - 2 - wrappedRows(INTRO, textWidth).length - wrappedRows(OUTRO, textWidth).length - silentRows;
  // An engine column as wide as the longest name shown, so the recipes line up.
  const engineWidth = Math.max(...builds.map((b) => b.engine.length));
  const choices = builds.map((b) => ({
    key: b.id,
    label: `${b.id}  ${b.engine.padEnd(engineWidth)}  ${b.recipe}  ${b.mode}  started ${age(b.createdAt, now)}${b.status === 'running' ? '' : `, ${b.status}`}${b.container === 'running' ? '' : `, container ${b.container}`}`,
    value: b,
  }));
  return (
    <Box flexDirection="column" width="100%" height="100%" flexShrink={0} paddingX={1} borderStyle="single" overflow="hidden">
      <Box flexShrink={0}>
        <Tone tone="title" bold>
          {n === 1 ? 'A build started here has not finished' : `${n} builds started here have not finished`}
        </Tone>
      </Box>
      <Box flexShrink={0}>
        <Text wrap="wrap">{INTRO}</Text>
      </Box>
      <Box height={1} flexShrink={0} />
      <Box flexDirection="column" flexShrink={1} overflow="hidden">
        <ChoiceList choices={choices} selected={selected} wrap="truncate-end" limit={listRows} />
      </Box>
      {silent === null ? null : (
        <Box flexShrink={0} marginTop={1}>
          <Tone tone="warn" wrap="wrap">{silent}</Tone>
        </Box>
      )}
      <Box height={1} flexShrink={0} />
      <Box flexShrink={0}>
        <Text wrap="wrap">{OUTRO}</Text>
      </Box>
    </Box>
  );
}
