// Themes are data: semantic colour tokens, never raw colours in components. Which theme applies is
// decided here from flags, settings and the environment (NO_COLOR, TERM=dumb); glyphs are in glyphs.ts.
import { z } from 'zod';

const COLOR_TOKENS = [
  'text', 'muted', 'accent', 'title', 'focus', 'selectionText', 'selectionBackground', 'key',
  'pass', 'warn', 'fail', 'info', 'border', 'progress', 'progressTrack', 'added', 'removed', 'changed',
  'match', 'matchBackground',
] as const;

export type ColorToken = (typeof COLOR_TOKENS)[number];

const colorValue = z.string().min(1).nullable();

export const themeSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  colors: z.object(Object.fromEntries(COLOR_TOKENS.map((t) => [t, colorValue])) as Record<ColorToken, typeof colorValue>),
});

export type Theme = z.infer<typeof themeSchema>;

/** A theme with no colour at all; used whenever colour is off, and as the fallback of last resort. */
export const MONO_THEME: Theme = {
  name: 'mono',
  description: 'No colour',
  colors: Object.fromEntries(COLOR_TOKENS.map((t) => [t, null])) as Record<ColorToken, null>,
};

export interface ThemeChoice {
  name: string;
  /** Why this theme was picked, for `--help`-level honesty ("NO_COLOR is set"). */
  reason: 'NO_COLOR' | 'TERM=dumb' | 'flag' | 'settings' | 'default';
}

/** NO_COLOR (any value, even empty) and TERM=dumb force mono; then --theme, then settings, then default. */
export function chooseTheme(env: Record<string, string | undefined>, flag?: string, setting?: string): ThemeChoice {
  if (Object.prototype.hasOwnProperty.call(env, 'NO_COLOR') && env.NO_COLOR !== undefined) return { name: 'mono', reason: 'NO_COLOR' };
  if (env.TERM === 'dumb') return { name: 'mono', reason: 'TERM=dumb' };
  if (flag) return { name: flag, reason: 'flag' };
  if (setting) return { name: setting, reason: 'settings' };
  return { name: 'default', reason: 'default' };
}
