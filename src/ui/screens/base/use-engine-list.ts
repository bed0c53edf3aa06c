// The Engine section's data: the configured engines (plus `local`, the default endpoint), asked once
// per session in the background (kept in the store, so coming back to the step does not ask again;
// r asks again), and choosing one: the session switches to it (see session/engine-switch.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { humanSize } from '../../../core/format/size.js';
import { LOCAL_ENGINE } from '../../../engine/engines/engine-spec.js';
import type { Message } from '../../app/wizard-context.js';
import { engineKey, engineLabel, switchEngine, type Switched } from '../../session/engine-switch.js';
import { useWorkbench, useWorkbenchApi } from '../../session/workbench-context.js';
import { engineRows, type EngineRow } from './engine-items.js';

export interface EngineList {
  /** Null when no engine is configured: the Base step then shows no Engine section. */
  rows: EngineRow[] | null;
  /** The engine the session uses (`local` for the default endpoint). */
  current: string;
  /** The engine being connected to after Enter. */
  switching: string | null;
  refresh(): void;
  choose(row: EngineRow): void;
}

type Notify = (text: string, tone: Message['tone']) => void;

/** The engines and the session's choice among them. */
export function useEngineList(notify: Notify): EngineList {
  const workbench = useWorkbenchApi();
  const { services, store } = workbench;
  const engines = services.engines;
  const checks = useWorkbench((s) => s.engineChecks);
  const current = engineLabel(useWorkbench((s) => s.engine.name));
  const [switching, setSwitching] = useState<string | null>(null);
  // Read once: `engines add` from another shell shows after r (which reads the settings again).
  const [names, setNames] = useState<string[]>(() => engines?.names() ?? []);
  const asking = useRef(false);
  const alive = useRef(true);
  useEffect(() => () => {
    alive.current = false;
  }, []);

  const ask = useCallback(() => {
    if (!engines || asking.current) return;
    asking.current = true;
    store.update((s) => ({ ...s, engineChecks: null }));
    void engines.check().then(
      (result) => store.update((s) => ({ ...s, engineChecks: result })),
      (err: Error) => notify(`Could not ask the engines: ${err.message}`, 'warn'),
    ).finally(() => {
      asking.current = false;
    });
  }, [engines, store, notify]);

  useEffect(() => {
    if (names.length > 0 && store.getState().engineChecks === null) ask();
  }, [names, store, ask]);

  const refresh = useCallback(() => {
    if (!engines) return;
    setNames(engines.names());
    ask();
  }, [engines, ask]);

  const choose = useCallback((row: EngineRow) => {
    if (row.name === current || switching !== null) return;
    setSwitching(row.name);
    notify(`Connecting to engine ${row.name}…`, 'info');
    switchEngine(workbench, engineKey(row.name), { remember: true }).then(
      (switched) => notify(switchedText(row.name, switched), 'pass'),
      (err: Error & { hint?: string }) => notify(`Engine ${row.name} cannot be used: ${err.message}${err.hint ? ` (${err.hint})` : ''}. The session stays on ${current}.`, 'fail'),
    ).finally(() => {
      if (alive.current) setSwitching(null);
    });
  }, [current, switching, workbench, notify]);

  const rows = useMemo(() => (names.length === 0 ? null : engineRows([LOCAL_ENGINE, ...names], checks)), [names, checks]);
  return { rows, current, switching, refresh, choose };
}

/** What switching did, in one message: the engine's size, the sizing new recipes get, and the open recipe's. */
function switchedText(name: string, s: Switched): string {
  const raw = (s.connection.info.rawInfo ?? {}) as Record<string, unknown>;
  const memory = typeof raw.MemTotal === 'number' ? `, ${humanSize(raw.MemTotal)}` : '';
  const size = s.sizing ? `${s.sizing.cpus} CPUs${memory}` : 'CPUs not known';
  const sizing = s.sizing ? `; recipes get MAKEOPTS="${s.sizing.makeopts}" --jobs=${s.sizing.emergeJobs}` : '';
  const recipe = s.resized ? ' (the open recipe too)' : s.keptOwnSizing ? ' (the open recipe keeps its own: r on Recipe › make.conf applies it)' : '';
  const named = s.recipeEngine ? `; the recipe's engine is ${name} now` : '';
  return `Engine ${name} (${s.connection.info.arch}, ${size}) for every step${sizing}${recipe}${named}`;
}
