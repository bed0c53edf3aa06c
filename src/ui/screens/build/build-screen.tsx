// Step 5, Build: before a build, what it will do and `b`; during and after one, the live pane.
import React from 'react';
import { useWorkbench, useWorkbenchApi } from '../../session/workbench-context.js';
import { BuildIdle } from './build-idle.js';
import { BuildLive } from './build-live.js';
import { useBuildQuitGuard } from './use-build-quit-guard.js';
import { useStartBuild } from './use-start-build.js';

/** The Build screen. */
export function BuildScreen() {
  const workbench = useWorkbenchApi();
  const build = useWorkbench((s) => s.build);
  const { start, starting } = useStartBuild();
  useBuildQuitGuard(workbench);
  if (!build) return <BuildIdle starting={starting} onStart={start} />;
  return <BuildLive build={build} starting={starting} onStart={start} />;
}
