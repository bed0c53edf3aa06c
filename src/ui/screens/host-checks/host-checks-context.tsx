// What the Host screen needs from outside, injectable: how to gather the facts (the real gatherers
// by default, fixture facts in tests) and how to copy text (OSC 52 to the terminal by default).
import React, { createContext, useContext, useMemo } from 'react';
import { useStdout } from 'ink';
import type { HostFacts } from '../../../core/host/facts.js';
import { gatherHostFacts, type GatherOptions } from '../../../engine/host/gather.js';
import { copyToClipboard, type CopyResult } from '../../terminal/osc52.js';

export type GatherFacts = (signal: AbortSignal) => Promise<HostFacts>;
export type CopyText = (text: string) => CopyResult;

export interface HostChecks {
  gather: GatherFacts;
  /** Null: copy with OSC 52 to the terminal Ink draws on. */
  copy: CopyText | null;
}

const HostChecksContext = createContext<HostChecks>({ gather: (signal) => gatherHostFacts({ signal }), copy: null });

export interface HostChecksProviderProps {
  /** Where to check: -H / --context of the command line, or --root. */
  options?: Pick<GatherOptions, 'host' | 'context' | 'root'>;
  /** Replace the gatherers entirely (tests pass fixture facts). */
  gather?: GatherFacts;
  copy?: CopyText;
  children: React.ReactNode;
}

/** Give the Host screen its gatherer and clipboard; without a provider it checks this machine. */
export function HostChecksProvider({ options, gather, copy, children }: HostChecksProviderProps) {
  // Callers often pass options inline: key on their content so a re-render does not re-run the checks.
  const optionsKey = JSON.stringify(options ?? {});
  const value = useMemo<HostChecks>(() => {
    const parsed = JSON.parse(optionsKey) as Pick<GatherOptions, 'host' | 'context' | 'root'>;
    return { gather: gather ?? ((signal) => gatherHostFacts({ ...parsed, signal })), copy: copy ?? null };
  }, [gather, copy, optionsKey]);
  return <HostChecksContext.Provider value={value}>{children}</HostChecksContext.Provider>;
}

/** The gatherer and a copy function for the Host screen. */
export function useHostChecks(): { gather: GatherFacts; copy: CopyText } {
  const { gather, copy } = useContext(HostChecksContext);
  const { stdout } = useStdout();
  const osc52 = useMemo<CopyText>(() => (text) => copyToClipboard(text, stdout), [stdout]);
  return { gather, copy: copy ?? osc52 };
}
