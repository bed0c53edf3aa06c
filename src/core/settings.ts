// The shape of the settings file. Unknown keys are kept (a newer version may have written them, an
// older one may have left preferences this version no longer has: confirmQuitDuringBuild, problemsOnly).
import { z } from 'zod';

export const settingsSchema = z.looseObject({
  theme: z.string().optional(),
  lastRecipe: z.string().optional(),
  recentRecipes: z.array(z.string()).default([]),
  /** Host-check failures the user chose to go on with: one `gateKey` (host, kernel, failing ids) each. */
  hostGateAccepted: z.array(z.string()).default([]),
  /** Engines added with `gentoo-wb engines add` (validated there: see src/engine/engines/engine-spec.ts). */
  engines: z.array(z.looseObject({ name: z.string(), url: z.string(), tlsDir: z.string().optional() })).default([]),
  /** The engine the workbench used last (a configured name; absent: the default endpoint), opened again at start. */
  lastEngine: z.string().optional(),
  preferences: z
    .looseObject({
      /** Progress bars and elapsed counters tick; off means redraw only when something changes. */
      animation: z.boolean().default(true),
    })
    .default({ animation: true }),
});

export type Settings = z.infer<typeof settingsSchema>;

const RECENT_RECIPES_MAX = 10;

/** Put a recipe path first in the recent list, without duplicates, capped. */
export function rememberRecipe(settings: Settings, recipePath: string): Settings {
  const recent = [recipePath, ...settings.recentRecipes.filter((p) => p !== recipePath)].slice(0, RECENT_RECIPES_MAX);
  return { ...settings, lastRecipe: recipePath, recentRecipes: recent };
}

/** Remember that the user goes on past these host-check failures on this host and kernel. */
export function acceptHostGate(settings: Settings, key: string): Settings {
  return settings.hostGateAccepted.includes(key) ? settings : { ...settings, hostGateAccepted: [...settings.hostGateAccepted, key].slice(-20) };
}
