// Gives the Result screen its services and a memory that outlives the screen: leaving the step and
// coming back shows the same inspection (by image ID) without reading the archive again.
import React, { createContext, useContext, useMemo, useRef } from 'react';
import type { InspectedImage } from '../../../engine/inspect/inspect-image.js';
import { realResultServices, type ResultServices } from './result-services.js';

export interface ResultMemory {
  last: InspectedImage | null;
}

interface ResultContextValue {
  services: ResultServices;
  memory: ResultMemory;
}

const defaultMemory: ResultMemory = { last: null };
const ResultContext = createContext<ResultContextValue>({ services: realResultServices, memory: defaultMemory });

/** Give the Result screen its services (the real engine without `services`) and a memory of its own. */
export function ResultServicesProvider({ services, children }: { services?: ResultServices; children: React.ReactNode }) {
  const memory = useRef<ResultMemory>({ last: null });
  const value = useMemo(() => ({ services: services ?? realResultServices, memory: memory.current }), [services]);
  return <ResultContext.Provider value={value}>{children}</ResultContext.Provider>;
}

/** The Result screen's services and memory. */
export function useResultServices(): ResultContextValue {
  return useContext(ResultContext);
}
