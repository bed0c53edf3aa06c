// Reads themes/*.json. A broken theme file is reported and replaced by mono, never a crash.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MONO_THEME, themeSchema, type Theme } from '../core/theme.js';
import { themesDir } from './app-info.js';

export interface LoadedTheme {
  theme: Theme;
  /** Set when the requested theme could not be used; the UI shows it once. */
  problem?: string;
}

/** Names of the themes shipped in themes/. */
function listThemes(dir = themesDir()): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

/** Load one theme by name; unknown or invalid names fall back to mono with a message saying why. */
export function loadTheme(name: string, dir = themesDir()): LoadedTheme {
  const available = listThemes(dir);
  if (!available.includes(name)) {
    return { theme: MONO_THEME, problem: `unknown theme "${name}" (available: ${available.join(', ') || 'none'}); using mono` };
  }
  const file = path.join(dir, `${name}.json`);
  try {
    const parsed = themeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { theme: MONO_THEME, problem: `theme ${file} is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}; using mono` };
    }
    return { theme: parsed.data };
  } catch (err) {
    return { theme: MONO_THEME, problem: `theme ${file} could not be read (${(err as Error).message}); using mono` };
  }
}
