// The session's farm for React: its controller, its state and what the Build step shows of it,
// re-rendering when they change.
import { useSyncExternalStore } from 'react';
import { useWorkbenchApi } from '../../../session/workbench-context.js';
import { farmControllerOf, type FarmController, type FarmShown } from './farm-controller.js';
import type { FarmState } from './farm-model.js';

export interface FarmHandle {
  controller: FarmController;
  state: FarmState | null;
  shown: FarmShown;
}

export function useFarm(): FarmHandle {
  const workbench = useWorkbenchApi();
  const controller = farmControllerOf(workbench);
  const state = useSyncExternalStore(controller.subscribe, () => controller.state);
  const shown = useSyncExternalStore(controller.subscribe, () => controller.shown);
  return { controller, state, shown };
}
