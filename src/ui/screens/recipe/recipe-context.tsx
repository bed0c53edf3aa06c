// Injects the Recipe screen's services: the real engine unless a test provides fakes.
import React, { createContext, useContext } from 'react';
import { realRecipeServices, type RecipeServices } from './recipe-services.js';

const RecipeServicesContext = createContext<RecipeServices>(realRecipeServices);

export function RecipeServicesProvider({ services, children }: { services: RecipeServices; children: React.ReactNode }) {
  return <RecipeServicesContext.Provider value={services}>{children}</RecipeServicesContext.Provider>;
}

/** The services the Recipe screen uses. */
export function useRecipeServices(): RecipeServices {
  return useContext(RecipeServicesContext);
}
