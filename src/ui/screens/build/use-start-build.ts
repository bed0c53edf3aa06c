// `b`: build the open recipe if everything needed is there, else say exactly what is missing.
import { useCallback, useState } from 'react';
import { EngineError } from '../../../engine/docker/index.js';
import { useWizard } from '../../app/wizard-context.js';
import { useWorkbenchApi } from '../../session/workbench-context.js';
import { buildReadiness } from './readiness.js';

export function useStartBuild(): { start: () => void; starting: boolean } {
  const { store, builds } = useWorkbenchApi();
  const { notify } = useWizard();
  const [starting, setStarting] = useState(false);
  const start = useCallback(() => {
    if (starting) return;
    const ready = buildReadiness(store.getState());
    if (!ready.ok) {
      notify(`Cannot build: ${ready.reason}`, 'warn');
      return;
    }
    setStarting(true);
    builds
      .start(ready.connection)
      .catch((err: unknown) => {
        const e = err as Error;
        notify(`Could not start the build: ${e.message}${e instanceof EngineError ? ` (${e.hint})` : ''}`, 'fail');
      })
      .finally(() => setStarting(false));
  }, [starting, store, builds, notify]);
  return { start, starting };
}
