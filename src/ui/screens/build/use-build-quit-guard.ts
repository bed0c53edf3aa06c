// While a build runs, quitting asks first (detach / cancel / keep watching); once it ends, quitting
// is free again. Not cleared on unmount: leaving the Build step does not stop the build.
import { useEffect } from 'react';
import { useWizard } from '../../app/wizard-context.js';
import type { Workbench } from '../../session/workbench-context.js';
import { useWorkbench } from '../../session/workbench-context.js';

/** Keep the shell's quit guard in step with the running build. */
export function useBuildQuitGuard(workbench: Workbench): void {
  const wizard = useWizard();
  const build = useWorkbench((s) => s.build);
  const running = build?.outcome === 'running';
  const id = build?.id ?? null;
  const { setQuitGuard } = wizard;
  useEffect(() => {
    if (!running || id === null) {
      setQuitGuard(null);
      return;
    }
    setQuitGuard({
      reason: `Build ${id} is still running in its container.`,
      cancel: () => workbench.builds.cancel(),
      detach: () => workbench.builds.detach(),
    });
  }, [running, id, setQuitGuard, workbench]);
}
