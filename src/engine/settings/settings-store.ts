// Settings on disk through `conf` (XDG_CONFIG_HOME/gentoo-wb/config.json). A corrupt file is moved
// aside with a notice, never a crash and never silently lost.
import { existsSync, renameSync } from 'node:fs';
import Conf from 'conf';
import { settingsSchema, type Settings } from '../../core/settings.js';
import { appPaths } from '../paths.js';

export interface SettingsStore {
  readonly path: string;
  read(): Settings;
  update(change: (current: Settings) => Settings): Settings;
  /** Set when the file was unreadable at start: what happened and where the old file went. */
  readonly notice: string | undefined;
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

function openConf(cwd: string): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ projectName: 'gentoo-wb', projectSuffix: '', cwd, configName: 'config' });
}

/** Open the settings file, moving a corrupt one aside. `cwd` overrides the folder (tests). */
export function openSettings(env: NodeJS.ProcessEnv = process.env, cwd = appPaths(env).config, now = new Date()): SettingsStore {
  let notice: string | undefined;
  let conf: Conf<Record<string, unknown>>;
  let settings: Settings;
  try {
    conf = openConf(cwd);
    const parsed = settingsSchema.safeParse(conf.store);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyntaxError(`${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`);
    }
    settings = parsed.data;
  } catch (err) {
    const file = `${cwd}/config.json`;
    const aside = `${file}.corrupt-${timestamp(now)}`;
    if (existsSync(file)) renameSync(file, aside);
    notice = `Settings file ${file} was unreadable (${(err as Error).message}). It was moved to ${aside}; starting with default settings.`;
    conf = openConf(cwd);
    settings = settingsSchema.parse({});
  }
  return {
    path: conf.path,
    notice,
    read: () => settings,
    update(change) {
      settings = settingsSchema.parse(change(settings));
      conf.store = settings as Record<string, unknown>;
      return settings;
    },
  };
}
