// React access to the workbench store: `useWorkbench(selector)` re-renders only when the selected
// part changes.
import React, { createContext, useContext, useSyncExternalStore } from 'react';
import type { BuildController } from './build-controller.js';
import type { WorkbenchServices } from './workbench-services.js';
import type { WorkbenchState, WorkbenchStore } from './workbench-store.js';

export interface Workbench {
  store: WorkbenchStore;
  services: WorkbenchServices;
  builds: BuildController;
}

const WorkbenchContext = createContext<Workbench | null>(null);

export function WorkbenchProvider({ value, children }: { value: Workbench; children: React.ReactNode }) {
  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}

/** The store and services (for actions). */
export function useWorkbenchApi(): Workbench {
  const value = useContext(WorkbenchContext);
  if (!value) throw new Error('useWorkbench needs a WorkbenchProvider above it');
  return value;
}

/** The workbench when one is mounted (screens also render alone in tests). */
export function useOptionalWorkbenchApi(): Workbench | null {
  return useContext(WorkbenchContext);
}

/** A slice of the shared state. */
export function useWorkbench<T>(selector: (state: WorkbenchState) => T): T {
  const { store } = useWorkbenchApi();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
