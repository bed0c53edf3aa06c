// Where gentoo-wb keeps things, by the XDG base-directory rules (Linux only, like the tool).
import os from 'node:os';
import path from 'node:path';

export interface AppPaths {
  /** settings (config.json) */
  config: string;
  /** recipes saved by default */
  data: string;
  /** build logs and build records */
  state: string;
  /** scratch downloads */
  cache: string;
}

/** The four gentoo-wb folders for this environment. */
export function appPaths(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): AppPaths {
  const pick = (variable: string, fallback: string[]) => {
    const value = env[variable];
    // The spec says relative values are invalid and must be ignored.
    return path.join(value && path.isAbsolute(value) ? value : path.join(home, ...fallback), 'gentoo-wb');
  };
  return {
    config: pick('XDG_CONFIG_HOME', ['.config']),
    data: pick('XDG_DATA_HOME', ['.local', 'share']),
    state: pick('XDG_STATE_HOME', ['.local', 'state']),
    cache: pick('XDG_CACHE_HOME', ['.cache']),
  };
}
