// What the Host screen needs from outside, injectable: how to gather the facts (the real gatherers
// by default, fixture facts in tests) and how to copy text (OSC 52 to the terminal by default). The
// real gatherers check the engine the session uses: a configured one at the endpoint the session is
// connected to, or the default endpoint (-H/--context) as `gentoo-wb check` does.
import React, { createContext, useContext, useMemo } from 'react';
import { useStdout } from 'ink';
import type { HostFacts } from '../../../core/host/facts.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { Endpoint } from '../../../engine/docker/endpoint-types.js';
import { namedEngineGatherer } from '../../../engine/host/engine-facts.js';
import { gatherHostFacts, type GatherOptions } from '../../../engine/host/gather.js';
import { acceptHostGate } from '../../../core/settings.js';
import { copyToClipboard, type CopyResult } from '../../terminal/osc52.js';
import { useOptionalWorkbenchApi } from '../../session/workbench-context.js';

/** A configured engine the session uses (Base › Engine), with the endpoint it is connected at. */
export interface CheckedEngine {
  name: string;
  endpoint: Endpoint;
}

/** Gather the facts; with the open recipe, its binhosts are asked too; with an engine, that engine is checked instead of the default endpoint. */
export type GatherFacts = (signal: AbortSignal, recipe?: Recipe | null, engine?: CheckedEngine | null) => Promise<HostFacts>;

/** The real gatherers: the session's configured engine when there is one, else the default endpoint (-H/--context). */
function realGather(options: Pick<GatherOptions, 'host' | 'context' | 'root'>): GatherFacts {
  return (signal, recipe, engine) => gatherHostFacts({
    ...(engine ? { ...(options.root ? { root: options.root } : {}), engine: namedEngineGatherer(engine.name, engine.endpoint) } : options),
    signal, recipe: recipe ?? null,
  });
}

/** Host-check failures the user chose to go on with, remembered per host, kernel and failing ids. */
export interface GateMemory {
  accepted(key: string): boolean;
  accept(key: string): void;
}
export type CopyText = (text: string) => CopyResult;

export interface HostChecks {
  gather: GatherFacts;
  /** Null: copy with OSC 52 to the terminal Ink draws on. */
  copy: CopyText | null;
  /** Null: the settings file (through the workbench), or nothing remembered without one. */
  memory: GateMemory | null;
}

const HostChecksContext = createContext<HostChecks>({ gather: realGather({}), copy: null, memory: null });

export interface HostChecksProviderProps {
  /** Where to check: -H / --context of the command line, or --root. */
  options?: Pick<GatherOptions, 'host' | 'context' | 'root'>;
  /** Replace the gatherers entirely (tests pass fixture facts). */
  gather?: GatherFacts;
  copy?: CopyText;
  memory?: GateMemory;
  children: React.ReactNode;
}

/** Give the Host screen its gatherer and clipboard; without a provider it checks this machine. */
export function HostChecksServicesProvider({ options, gather, copy, memory, children }: HostChecksProviderProps) {
  // Callers often pass options inline: key on their content so a re-render does not re-run the checks.
  const optionsKey = JSON.stringify(options ?? {});
  const value = useMemo<HostChecks>(() => {
    const parsed = JSON.parse(optionsKey) as Pick<GatherOptions, 'host' | 'context' | 'root'>;
    return { gather: gather ?? realGather(parsed), copy: copy ?? null, memory: memory ?? null };
  }, [gather, copy, memory, optionsKey]);
  return <HostChecksContext.Provider value={value}>{children}</HostChecksContext.Provider>;
}

/** The gatherer and a copy function for the Host screen. */
export function useHostChecksServices(): { gather: GatherFacts; copy: CopyText; memory: GateMemory | null } {
  const { gather, copy, memory } = useContext(HostChecksContext);
  const { stdout } = useStdout();
  const osc52 = useMemo<CopyText>(() => (text) => copyToClipboard(text, stdout), [stdout]);
  const workbench = useOptionalWorkbenchApi();
  const settings = workbench?.services.settings ?? null;
  const fromSettings = useMemo<GateMemory | null>(
    () =>
      settings && {
        accepted: (key) => settings.read().hostGateAccepted.includes(key),
        accept: (key) => void settings.update((s) => acceptHostGate(s, key)),
      },
    [settings],
  );
  return { gather, copy: copy ?? osc52, memory: memory ?? fromSettings };
}
