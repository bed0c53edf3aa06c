// Writing gentoo-wb's own small files (settings, recipes, build state and records) so that a full or
// read-only folder ends in one sentence that names the folder and what to do — never a stack trace,
// never half a file under the final name, never a temporary file left beside it.
import { accessSync, constants, existsSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { temporaryNameFor } from '../docker/atomic-file.js';

/** Which of gentoo-wb's folders a file lives in, for the message and the variable that moves it. */
export interface FolderRole {
  /** "state", "config", "recipe", "data" … — "the state folder /x is full". */
  name: string;
  /** The XDG variable that moves the folder, when one does. */
  variable?: string | undefined;
  /** What else to do instead of the variable ("save the recipe in another folder"). */
  elsewhere?: string | undefined;
}

export const STATE_FOLDER: FolderRole = { name: 'state', variable: 'XDG_STATE_HOME' };
export const CONFIG_FOLDER: FolderRole = { name: 'config', variable: 'XDG_CONFIG_HOME' };
export const RECIPE_FOLDER: FolderRole = { name: 'recipe', elsewhere: 'save the recipe in another folder' };

const FOLDER_CODES = ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EISDIR', 'ENAMETOOLONG', 'ELOOP', 'EIO'] as const;

/** A write that failed because of its folder; the message is the whole story (printed as is). */
export class FolderWriteError extends Error {
  override readonly name = 'FolderWriteError';
  readonly kind = 'folder-unwritable';
  constructor(
    message: string,
    readonly folder: string,
    /** The errno code (`ENOSPC`, `EROFS` …); deliberately not `code`, so callers print the message. */
    readonly reason: string,
  ) {
    super(message);
  }
}

function alternative(role: FolderRole): string {
  return [role.variable ? `set ${role.variable}` : null, role.elsewhere ?? null].filter(Boolean).join(' or ');
}

/** One sentence for an errno on `folder`: "the state folder /x is full (ENOSPC): free space or set XDG_STATE_HOME". */
function folderProblem(code: string, folder: string, role: FolderRole): string {
  const other = alternative(role);
  const or = other ? ` or ${other}` : '';
  const the = `the ${role.name} folder ${folder}`;
  switch (code) {
    case 'ENOSPC':
      return `${the} is full (ENOSPC): free space${or}`;
    case 'EDQUOT':
      return `${the} is over its disk quota (EDQUOT): free space${or}`;
    case 'EROFS':
      return `${the} is on a read-only file system (EROFS): make it writable${or}`;
    case 'EACCES':
    case 'EPERM':
      return `${the} is not writable for this user (${code}): fix its permissions${or}`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${the} cannot be created: a file is in the way (${code}): move that file${or}`;
    default:
      return `${the} cannot be written (${code}): check the disk and the folder${or}`;
  }
}

/**
 * Why a folder that does not exist cannot be created: a recursive mkdir on a read-only file system
 * reports ENOENT, so look at the nearest folder that exists and ask it (EROFS, EACCES, ENOTDIR).
 */
function missingFolderCause(folder: string): string | null {
  let dir = folder;
  while (!existsSync(dir)) {
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
  try {
    if (!statSync(dir).isDirectory()) return 'ENOTDIR';
    accessSync(dir, constants.W_OK);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? null;
  }
}

/** Turn a file-system error from writing into `folder` into a FolderWriteError; other errors pass. */
export function asFolderWriteError(err: unknown, folder: string, role: FolderRole): unknown {
  if (err instanceof FolderWriteError) return err;
  let code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') code = missingFolderCause(folder) ?? code;
  if (typeof code !== 'string' || !(FOLDER_CODES as readonly string[]).includes(code)) return err;
  return new FolderWriteError(folderProblem(code, folder, role), folder, code);
}

export interface WriteFileOptions {
  role: FolderRole;
  mode?: number;
  /** The writer (tests inject one that fails like a full disk). */
  write?: ((temp: string, data: string) => Promise<void>) | undefined;
}

/** Write `data` to `file` through a temporary name beside it and a rename; on failure nothing is left. */
export async function writeFileAtomically(file: string, data: string, options: WriteFileOptions): Promise<void> {
  const dest = path.resolve(file);
  const folder = path.dirname(dest);
  try {
    await mkdir(folder, { recursive: true });
  } catch (err) {
    throw asFolderWriteError(err, folder, options.role);
  }
  const temp = temporaryNameFor(dest);
  try {
    if (options.write) await options.write(temp, data);
    else await writeFile(temp, data, { mode: options.mode ?? 0o644, flag: 'wx' });
    await rename(temp, dest);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw asFolderWriteError(err, folder, options.role);
  }
}

/** The synchronous twin of writeFileAtomically (settings are written from synchronous callers). */
export function writeFileAtomicallySync(file: string, data: string, options: Omit<WriteFileOptions, 'write'> & { write?: ((temp: string, data: string) => void) | undefined }): void {
  const dest = path.resolve(file);
  const folder = path.dirname(dest);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw asFolderWriteError(err, folder, options.role);
  }
  const temp = temporaryNameFor(dest);
  try {
    if (options.write) options.write(temp, data);
    else writeFileSync(temp, data, { mode: options.mode ?? 0o644, flag: 'wx' });
    renameSync(temp, dest);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already gone
    }
    throw asFolderWriteError(err, folder, options.role);
  }
}

/** Run a write that is not whole-file (mkdir, append) and give its folder error the same sentence. */
export async function inFolder<T>(folder: string, role: FolderRole, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    throw asFolderWriteError(err, folder, role);
  }
}
