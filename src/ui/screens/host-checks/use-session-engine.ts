// The engine the Host step checks: the configured engine the session is connected to (Base › Engine,
// `--engine`, the recipe's `engine`), or null for the default endpoint (-H/--context) as `gentoo-wb
// check` uses. While the session is still connecting the checks wait, so they never show one engine's
// findings under another's name; without a workbench (the screen alone) the default endpoint is checked.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Workbench } from '../../session/workbench-context.js';
import type { CheckedEngine } from './host-checks-context.js';

export interface SessionEngine {
  /** False while the session connects: nothing to check yet. */
  ready: boolean;
  engine: CheckedEngine | null;
  /** The configured engine's name, also while connecting (undefined: the default endpoint). */
  name: string | undefined;
}

const NO_SUBSCRIPTION = () => () => undefined;

/** The session's engine as the Host step checks it; a switch gives a new value (and so a new run). */
export function useSessionEngine(workbench: Workbench | null): SessionEngine {
  const subscribe = useCallback((listener: () => void) => (workbench ? workbench.store.subscribe(listener) : () => undefined), [workbench]);
  const state = useSyncExternalStore(workbench ? subscribe : NO_SUBSCRIPTION, () => workbench?.store.getState().engine ?? null);
  const name = state?.name;
  const endpoint = state?.status === 'ready' ? state.connection.endpoint : null;
  const status = state?.status ?? 'ready';
  return useMemo(() => ({
    ready: status !== 'connecting',
    engine: name !== undefined && endpoint !== null ? { name, endpoint } : null,
    name,
  }), [status, name, endpoint]);
}
