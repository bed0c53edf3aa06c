// The shell: step bar, the current screen, message line, footer; help and quit on top.
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box } from 'ink';
import { ConfirmQuit } from './confirm-quit.js';
import { Footer } from '../components/footer.js';
import { HelpOverlay } from '../components/help-overlay/help-overlay.js';
import { MessageLine, messageRows } from './message-line.js';
import { RunningBuildsPrompt } from './running-builds-prompt.js';
import { StepBar } from './step-bar.js';
import { StepPreview } from './step-preview.js';
import { TooSmall } from '../components/too-small.js';
import { APP_KEYMAP, STEP_HELP_GROUP } from './keymap.js';
import { KeyRouterProvider, useCommands } from '../keys/key-router.js';
import { ContentSizeProvider } from '../layout/content-size.js';
import { useLook } from '../theme/theme-context.js';
import { MIN_SIZE, useTerminalSize } from '../layout/terminal-size.js';
import { RecipeQuitGuard } from '../session/recipe-quit-guard.js';
import { useOptionalWorkbenchApi, type Workbench } from '../session/workbench-context.js';
import { useBuildQuitGuard } from '../screens/build/use-build-quit-guard.js';
import { SCREENS } from './screens.js';
import { STEPS, stepByNumber, type StepId } from './steps.js';
import { WizardContext, type Message, type QuitGuard, type Wizard } from './wizard-context.js';

export interface AppProps {
  initialStep?: StepId;
  /** Messages to show at start (a moved-aside settings file, an unknown theme). */
  initialMessages?: Message[];
  onExit: () => void;
  screens?: typeof SCREENS;
  /** Called once after the first render with the shell's API (start-up work reports through it). */
  onReady?: (wizard: Wizard) => void;
}

export function App(props: AppProps) {
  const [messages, setMessages] = useState<Message[]>(props.initialMessages ?? []);
  // A message stays until the next key press, then makes room again.
  const clearMessages = useCallback(() => setMessages((m) => (m.length > 0 ? [] : m)), []);
  return (
    <KeyRouterProvider keymap={APP_KEYMAP} onKey={clearMessages}>
      <Shell {...props} messages={messages} setMessages={setMessages} />
    </KeyRouterProvider>
  );
}

interface ShellProps extends AppProps {
  messages: Message[];
  setMessages: (messages: Message[]) => void;
}

function Shell({ initialStep = 'host', onExit, screens = SCREENS, messages, setMessages, onReady }: ShellProps) {
  const size = useTerminalSize();
  const { glyphs } = useLook();
  const [current, setCurrent] = useState<StepId>(initialStep);
  const [helpOpen, setHelpOpen] = useState(false);
  const [guards, setGuards] = useState<ReadonlyMap<string, QuitGuard>>(new Map());
  /** The guards still to ask while quitting; null when not quitting. */
  const [asking, setAsking] = useState<QuitGuard[] | null>(null);
  const available = useMemo(() => new Set(STEPS.filter((s) => screens[s.id]).map((s) => s.id)), [screens]);

  const notify = useCallback((text: string, tone: Message['tone'] = 'info') => setMessages([{ text, tone }]), [setMessages]);
  const goTo = useCallback(
    (step: StepId) => {
      const info = STEPS.find((s) => s.id === step);
      if (!info) return;
      if (!available.has(step)) {
        notify(`${info.title} is not available yet: ${info.summary}`, 'warn');
        return;
      }
      setCurrent(step);
    },
    [available, notify],
  );
  const setQuitGuard = useCallback((owner: string, guard: QuitGuard | null) => {
    setGuards((current) => {
      if ((current.get(owner) ?? null) === guard) return current;
      const next = new Map(current);
      if (guard) next.set(owner, guard);
      else next.delete(owner);
      return next;
    });
  }, []);
  const quit = useCallback(() => {
    const holding = [...guards.values()].filter((g) => g.holds?.() ?? true);
    if (holding.length > 0) setAsking(holding);
    else onExit();
  }, [guards, onExit]);
  // After a choice on one guard, the next is asked; after the last, the app quits.
  const answered = useCallback(() => {
    setAsking((rest) => {
      const next = rest?.slice(1) ?? [];
      if (next.length === 0) {
        onExit();
        return null;
      }
      return next;
    });
  }, [onExit]);

  const wizard = useMemo<Wizard>(() => ({ current, goTo, notify, setQuitGuard, quit }), [current, goTo, notify, setQuitGuard, quit]);
  const ready = useRef(false);
  useEffect(() => {
    if (ready.current) return;
    ready.current = true;
    onReady?.(wizard);
  }, [onReady, wizard]);
  const index = STEPS.findIndex((s) => s.id === current);

  useCommands(
    'global',
    {
      'app.help': () => setHelpOpen(true),
      'app.quit': quit,
      'step.goto': (key) => {
        const step = stepByNumber(Number(key));
        if (step) goTo(step.id);
      },
      'step.next': () => {
        const next = STEPS[index + 1];
        if (next) goTo(next.id);
      },
      'step.prev': () => {
        const prev = STEPS[index - 1];
        if (prev) goTo(prev.id);
      },
    },
    { footer: ['app.help', 'app.quit'] },
  );

  if (size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows) {
    // q here goes through the same guards (a running build, unsaved edits) as on a full-size screen.
    return (
      <WizardContext.Provider value={wizard}>
        <BuildQuitGuard />
        <RecipeQuitGuard />
        {asking && asking[0] ? (
          <Box flexDirection="column" width={Math.max(1, size.columns)} height={Math.max(1, size.rows - 1)} overflow="hidden">
            <ConfirmQuit key={asking.length} guard={asking[0]} onDone={answered} onStay={() => setAsking(null)} />
          </Box>
        ) : (
          <TooSmall size={size} need={MIN_SIZE} onQuit={quit} />
        )}
      </WizardContext.Provider>
    );
  }

  const message = messages[0];
  const frameHeight = size.rows - 1;
  // A long message wraps (up to half the frame) and the screen gives up those rows meanwhile.
  const messageMax = Math.max(1, Math.floor(frameHeight / 2));
  const messageHeight = message ? messageRows(message, glyphs, size.columns - 1, messageMax) : 0;
  const contentHeight = frameHeight - 2 - messageHeight;
  const Screen = screens[current];
  const step = STEPS[index] ?? STEPS[0]!;

  return (
    <WizardContext.Provider value={wizard}>
      <Box flexDirection="column" height={frameHeight} overflow="hidden">
        <StepBar current={current} available={available} width={size.columns} />
        <Box height={contentHeight} width="100%" flexDirection="column" overflow="hidden">
          {helpOpen ? <HelpOverlay width={size.columns} height={contentHeight} screen={STEP_HELP_GROUP[current]} onClose={() => setHelpOpen(false)} /> : null}
          {asking && asking[0] ? <ConfirmQuit key={asking.length} guard={asking[0]} onDone={answered} onStay={() => setAsking(null)} /> : null}
          <RunningBuildsPrompt />
          <RecipeQuitGuard />
          <Box display={helpOpen || asking ? 'none' : 'flex'} flexDirection="column" height={contentHeight} width="100%">
            <ContentSizeProvider size={{ width: size.columns, height: contentHeight }}>
              {Screen ? <Screen /> : <StepPreview step={step} width={size.columns} />}
            </ContentSizeProvider>
          </Box>
        </Box>
        {message ? <MessageLine message={message} width={size.columns - 1} maxRows={messageMax} /> : null}
        <Footer width={size.columns} />
      </Box>
    </WizardContext.Provider>
  );
}

/** Keeps the running build's quit guard while the screens (and the start-up prompt) are not drawn. */
function BuildQuitGuard() {
  const workbench = useOptionalWorkbenchApi();
  return workbench ? <BuildGuardHost workbench={workbench} /> : null;
}

function BuildGuardHost({ workbench }: { workbench: Workbench }) {
  useBuildQuitGuard(workbench);
  return null;
}
