// While a farm runs, quitting asks first: the farm's order and publishing live in this session, so
// it cannot be left running like one build; the way out cancels every build of it, then quits.
import { useEffect } from 'react';
import { useWizard } from '../../../app/wizard-context.js';
import type { FarmHandle } from './use-farm.js';

export function useFarmQuitGuard({ controller, state }: FarmHandle): void {
  const { setQuitGuard } = useWizard();
  const running = state !== null && (state.phase === 'scheduling' || state.phase === 'running');
  const count = state?.rows.length ?? 0;
  useEffect(() => {
    if (!running) {
      setQuitGuard('farm', null);
      return;
    }
    setQuitGuard('farm', {
      reason: `A farm of ${count} recipes is running; its order lives in this session.`,
      choices: [{ key: 'x', label: 'cancel farm & quit', text: 'cancel the farm — every build of it is stopped and removed, the binhost it started is stopped, then quit.', run: () => controller.cancel() }],
    });
  }, [running, count, controller, setQuitGuard]);
}
