// Step 5, Build: before a build, what it will do and `b`; during and after one, the live pane;
// `f` the farm (several recipes on several engines), shown instead while the user looks at it.
import React from 'react';
import { useCommands } from '../../keys/key-router.js';
import { useWorkbench, useWorkbenchApi } from '../../session/workbench-context.js';
import { BuildIdle } from './build-idle.js';
import { BuildLive } from './build-live.js';
import { FarmScreen } from './farm/farm-screen.js';
import { useFarm } from './farm/use-farm.js';
import { useFarmQuitGuard } from './farm/use-farm-quit-guard.js';
import { useBuildQuitGuard } from './use-build-quit-guard.js';
import { useStartBuild } from './use-start-build.js';

/** The Build screen. */
export function BuildScreen() {
  const workbench = useWorkbenchApi();
  const build = useWorkbench((s) => s.build);
  const { start, starting } = useStartBuild();
  const farm = useFarm();
  useBuildQuitGuard(workbench);
  useFarmQuitGuard(farm);
  const farmShown = farm.shown !== 'none';
  // On the global layer so the screen's own keys come first in the footer.
  useCommands('global', { 'build.farm': !farmShown && workbench.services.farm ? () => farm.controller.show(farm.state ? 'farm' : 'setup') : undefined }, { footer: farmShown || !workbench.services.farm ? [] : ['build.farm'] });
  if (farmShown) return <FarmScreen farm={farm} />;
  if (!build) return <BuildIdle starting={starting} onStart={start} />;
  return <BuildLive build={build} starting={starting} onStart={start} />;
}
