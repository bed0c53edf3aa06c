// What any screen may ask of the shell: move between steps, post a message, guard quitting.
import { createContext, useContext } from 'react';
import type { ColorToken } from '../../core/theme.js';
import type { StepId } from './steps.js';

export interface Message {
  text: string;
  tone: ColorToken;
}

/** Work that outlives the TUI (a build): quitting offers to detach from it, cancel it, or stay. */
export interface QuitGuard {
  reason: string;
  /** Stop the work for good (e.g. stop and remove the build container). */
  cancel: () => Promise<void>;
  /** Leave it running (e.g. stop following the build). */
  detach: () => void;
}

export interface Wizard {
  current: StepId;
  goTo(step: StepId): void;
  /** Show a one-line message above the footer until the next key press. */
  notify(text: string, tone?: ColorToken): void;
  /** While set, quitting asks first: detach, cancel, or keep watching. */
  setQuitGuard(guard: QuitGuard | null): void;
  quit(): void;
}

export const WizardContext = createContext<Wizard | null>(null);

/** The shell's navigation and messaging for screens. */
export function useWizard(): Wizard {
  const wizard = useContext(WizardContext);
  if (!wizard) throw new Error('useWizard needs the App shell above it');
  return wizard;
}
