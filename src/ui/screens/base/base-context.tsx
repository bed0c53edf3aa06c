// Injects the Base screen's services: the real engine unless a test provides fakes.
import React, { createContext, useContext } from 'react';
import { realBaseServices, type BaseServices } from './base-services.js';

const BaseServicesContext = createContext<BaseServices>(realBaseServices);

/** Give the Base screen its services; without `services`, the real engine. */
export function BaseServicesProvider({ services, children }: { services?: BaseServices; children: React.ReactNode }) {
  return <BaseServicesContext.Provider value={services ?? realBaseServices}>{children}</BaseServicesContext.Provider>;
}

/** The services the Base screen uses. */
export function useBaseServices(): BaseServices {
  return useContext(BaseServicesContext);
}
