// What any screen may ask of the shell: move between steps, post a message, guard quitting.
import { createContext, useContext } from 'react';
import type { ColorToken } from '../../core/theme.js';
import type { StepId } from './steps.js';

export interface Message {
  text: string;
  tone: ColorToken;
}

/** One way out offered when quitting: do `run`, then quit. */
export interface QuitChoice {
  key: string;
  /** "detach and quit — the build keeps running; gentoo-wb attach picks it up again" */
  text: string;
  /** Short words for the footer. */
  label: string;
  run: () => void | Promise<void>;
}

/** Something quitting would abandon (a running build, unsaved recipe edits) and the ways out. */
export interface QuitGuard {
  reason: string;
  choices: QuitChoice[];
  /**
   * Read when quit is asked for: false when what the guard protects has ended since it was set (a
   * build that ended a moment before q, whose effect has not yet cleared the guard).
   */
  holds?: () => boolean;
}

export interface Wizard {
  current: StepId;
  goTo(step: StepId): void;
  /** Show a one-line message above the footer until the next key press. */
  notify(text: string, tone?: ColorToken): void;
  /** While set, quitting asks this owner's question first (several owners are asked in turn). */
  setQuitGuard(owner: string, guard: QuitGuard | null): void;
  quit(): void;
}

export const WizardContext = createContext<Wizard | null>(null);

/** The shell's navigation and messaging for screens. */
export function useWizard(): Wizard {
  const wizard = useContext(WizardContext);
  if (!wizard) throw new Error('useWizard needs the App shell above it');
  return wizard;
}
