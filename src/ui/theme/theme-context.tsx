// Theme and glyphs for every component. Components ask for tokens ("pass", "focus"), never colours.
import React, { createContext, useContext } from 'react';
import { chooseGlyphs, type Glyphs } from '../../core/glyphs.js';
import { MONO_THEME, type Theme } from '../../core/theme.js';

export interface Look {
  theme: Theme;
  glyphs: Glyphs;
  /** Colour is off entirely (mono): components lean on markers, bold and inverse. */
  mono: boolean;
  /** Animations (ticking bars, elapsed counters) allowed. */
  animate: boolean;
}

const LookContext = createContext<Look>({ theme: MONO_THEME, glyphs: chooseGlyphs({}), mono: true, animate: false });

export function LookProvider({ look, children }: { look: Look; children: React.ReactNode }) {
  return <LookContext.Provider value={look}>{children}</LookContext.Provider>;
}

export function useLook(): Look {
  return useContext(LookContext);
}

/** True when a theme carries no colour at all. */
export function isMono(theme: Theme): boolean {
  return Object.values(theme.colors).every((c) => c === null);
}
