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
      setQuitGuard('build', null);
      return;
    }
    setQuitGuard('build', {
      reason: `Build ${id} is still running in its container.`,
      holds: () => workbench.store.getState().build?.outcome === 'running',
      choices: [
        { key: 'd', label: 'detach & quit', text: 'detach and quit — the build keeps running; gentoo-wb attach picks it up again.', run: () => workbench.builds.detach() },
        { key: 'x', label: 'cancel build & quit', text: 'cancel the build — its container is stopped and removed, nothing is tagged.', run: () => workbench.builds.cancel() },
      ],
    });
  }, [running, id, setQuitGuard, workbench]);
}
