// Phases of the running packages in a --jobs build, where emerge prints none: every few seconds,
// the last ">>> " line of each running package's build.log, read in one exec. Only while the build
// runs and packages are building; nothing polls otherwise. `merge` from a log means the package is
// built (`>>> Completed installing`): while the stream has not said `Installing`, it waits to merge.
import { useEffect, useState } from 'react';
import type Dockerode from 'dockerode';
import type { BuildPhase } from '../../../core/events.js';
import { phaseOfBuildLogLine } from '../../../core/portage/build-stream/build-log-phase.js';
import type { BuildServices } from './build-context.js';

const PHASE_POLL_MS = 3000;

export interface PhasePollInput {
  read: BuildServices['lastPhaseLines'];
  docker: Dockerode | null;
  containerId: string | null;
  /** Packages building now (cpv). */
  building: readonly string[];
}

/** cpv → phase read from its build.log, refreshed every few seconds while packages build. */
export function usePackagePhases({ read, docker, containerId, building }: PhasePollInput): ReadonlyMap<string, BuildPhase> {
  const [phases, setPhases] = useState<ReadonlyMap<string, BuildPhase>>(new Map());
  const key = building.join(' ');
  useEffect(() => {
    if (!docker || !containerId || key === '') return;
    const cpvs = key.split(' ');
    let live = true;
    let busy = false;
    const poll = () => {
      if (busy) return;
      busy = true;
      read(docker, containerId, cpvs)
        .then((lines) => {
          if (!live) return;
          const next = new Map<string, BuildPhase>();
          for (const [cpv, line] of lines) {
            const phase = phaseOfBuildLogLine(line);
            if (phase) next.set(cpv, phase);
          }
          setPhases(next);
        }, () => undefined)
        .finally(() => {
          busy = false;
        });
    };
    poll();
    const timer = setInterval(poll, PHASE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [read, docker, containerId, key]);
  return phases;
}
