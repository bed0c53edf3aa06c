// Settings on disk through `conf` (XDG_CONFIG_HOME/gentoo-wb/config.json). A corrupt file is moved
// aside with a notice, never a crash and never silently lost. A full or read-only config folder is
// never a crash either: the settings live in memory for the session and one sentence says which
// folder and what to do; writes go through a temporary file that is removed on failure.
import { accessSync, constants, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { settingsSchema, type Settings } from '../../core/settings.js';
import { asFolderWriteError, CONFIG_FOLDER, FolderWriteError, writeFileAtomicallySync } from '../files/atomic-write.js';
import { appPaths } from '../paths.js';

export interface SettingsStore {
  readonly path: string;
  read(): Settings;
  /** Change the settings; they are kept in memory even when the file cannot be written (see `problem`). */
  update(change: (current: Settings) => Settings): Settings;
  /** Set when the file was unreadable or unwritable at start: what happened and where the old file went. */
  readonly notice: string | undefined;
  /** The last write failure (one sentence naming the folder and what to do), or undefined. */
  readonly problem?: string | undefined;
}

export interface SettingsOptions {
  /** Told once per distinct write failure (the workbench shows it as a message). */
  onProblem?: ((message: string) => void) | undefined;
  /** Writes the temporary file (tests inject a full disk). */
  write?: ((temp: string, data: string) => void) | undefined;
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

function openConf(cwd: string): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ projectName: 'gentoo-wb', projectSuffix: '', cwd, configName: 'config' });
}

/** Conf's own format (tab-indented JSON), written by us so a failure is ours to clean up and explain. */
function serialize(settings: Settings): string {
  return JSON.stringify(settings, undefined, '\t');
}

/** Open the settings file, moving a corrupt one aside. `cwd` overrides the folder (tests). */
export function openSettings(env: NodeJS.ProcessEnv = process.env, cwd = appPaths(env).config, now = new Date(), options: SettingsOptions = {}): SettingsStore {
  const file = path.join(cwd, 'config.json');
  let notice: string | undefined;
  let problem: string | undefined;
  let settings: Settings | undefined;
  const folderSentence = (err: unknown): string | null => {
    const e = asFolderWriteError(err, cwd, CONFIG_FOLDER);
    return e instanceof FolderWriteError ? e.message : null;
  };
  try {
    // Conf creates the folder when the file is missing: an unwritable folder fails here.
    const conf = openConf(cwd);
    const parsed = settingsSchema.safeParse(conf.store);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyntaxError(`${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}`);
    }
    settings = parsed.data;
    // Found now rather than at the first change: a folder that cannot be created or written.
    mkdirSync(cwd, { recursive: true });
    accessSync(cwd, constants.W_OK);
  } catch (err) {
    const unwritable = folderSentence(err);
    if (unwritable) {
      // settings stay as read (defaults when the file could not be read)
      settings ??= settingsSchema.parse({});
      notice = `Settings will not be saved this session: ${unwritable}.`;
      problem = unwritable;
    } else {
      settings = settingsSchema.parse({});
      const aside = `${file}.corrupt-${timestamp(now)}`;
      try {
        if (existsSync(file)) renameSync(file, aside);
        notice = `Settings file ${file} was unreadable (${(err as Error).message}). It was moved to ${aside}; starting with default settings.`;
      } catch (moveErr) {
        const why = folderSentence(moveErr) ?? (moveErr as Error).message;
        notice = `Settings file ${file} was unreadable (${(err as Error).message}) and could not be moved aside (${why}); starting with default settings, kept in memory.`;
        problem = why;
      }
    }
  }
  let current: Settings = settings ?? settingsSchema.parse({});
  return {
    path: file,
    notice,
    get problem() {
      return problem;
    },
    read: () => current,
    update(change) {
      current = settingsSchema.parse(change(current));
      try {
        writeFileAtomicallySync(file, serialize(current), { role: CONFIG_FOLDER, mode: 0o600, write: options.write });
        problem = undefined;
      } catch (err) {
        const sentence = folderSentence(err) ?? `the settings file ${file} could not be written (${(err as Error).message})`;
        if (sentence !== problem) options.onProblem?.(`Settings not saved: ${sentence}`);
        problem = sentence;
      }
      return current;
    },
  };
}
