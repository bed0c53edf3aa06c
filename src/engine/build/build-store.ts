// A build's files under $XDG_STATE_HOME/gentoo-wb/builds/<id>/: state.json (rewritten atomically as
// the build moves on), recipe.json, plan.json, output.log (the container's whole output, with engine
// timestamps), logs/ (failed packages' build.log), forecast.json (the forecast made as it started),
// record.json (at the end, with the forecast next to the actual durations).
import { appendFile, mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BuildRecord, BuildState } from '../../core/build/build-record.js';
import type { Forecast } from '../../core/forecast/forecast-types.js';
import { forecastVsActual } from '../../core/forecast/forecast-vs-actual.js';
import { inFolder, STATE_FOLDER, writeFileAtomically } from '../files/atomic-write.js';
import { appPaths } from '../paths.js';

function buildsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(appPaths(env).state, 'builds');
}

export interface BuildFiles {
  dir: string;
  state: string;
  recipe: string;
  plan: string;
  output: string;
  record: string;
  forecast: string;
  logs: string;
  /** Held (created exclusively) by the one session that finishes the build: commit, tag, record. */
  finishLock: string;
  /** Held by the one session that writes output.log (followers beside it only read the container). */
  outputLock: string;
}

/** The ID format newBuildId makes: `20260107-143012-a1b2c3`. */
export const BUILD_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

/** Why a user-given build ID is not one (checked before any file is touched), or null. */
export function buildIdProblem(id: string): string | null {
  return BUILD_ID.test(id) ? null : `"${id}" is not a build ID (like 20260107-143012-a1b2c3)`;
}

/** A name that stays one folder inside the builds folder (no separators, not . or ..). */
function isFolderName(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id);
}

/** The paths of one build's files; throws for an ID that would leave the builds folder. */
export function buildFiles(id: string, env: NodeJS.ProcessEnv = process.env): BuildFiles {
  if (!isFolderName(id)) throw new Error(`"${id}" is not a build ID: it would name a path outside the builds folder`);
  const dir = path.join(buildsDir(env), id);
  return {
    dir,
    state: path.join(dir, 'state.json'),
    recipe: path.join(dir, 'recipe.json'),
    plan: path.join(dir, 'plan.json'),
    output: path.join(dir, 'output.log'),
    record: path.join(dir, 'record.json'),
    forecast: path.join(dir, 'forecast.json'),
    logs: path.join(dir, 'logs'),
    finishLock: path.join(dir, 'finish.lock'),
    outputLock: path.join(dir, 'output.lock'),
  };
}

/** Temp + rename; a full or read-only state folder throws one sentence (FolderWriteError), no temp file left. */
async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(value, null, 2)}\n`, { role: STATE_FOLDER });
}

/** Create the build folder and its first files (output.log starts empty: the build's log exists from the start). */
export async function createBuildFiles(files: BuildFiles, state: BuildState, recipeText: string, plan: unknown): Promise<void> {
  await inFolder(files.dir, STATE_FOLDER, () => mkdir(files.logs, { recursive: true }));
  await writeFileAtomically(files.recipe, recipeText, { role: STATE_FOLDER });
  await writeJsonAtomically(files.plan, plan);
  await appendFile(files.output, '');
  await writeJsonAtomically(files.state, state);
}

interface LockHolder {
  pid: number;
  host: string;
  since: number;
}

/** True unless the holder is a process of this machine that no longer exists. */
function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname() || holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the build's finish lock (an exclusive file in its folder): the one session that commits, tags and
 * records the build. Returns the release function, or null while another live session holds it (a lock
 * left by a process that died is taken over).
 */
export function tryFinishLock(files: BuildFiles): Promise<(() => Promise<void>) | null> {
  return tryLockFile(files.finishLock);
}

/** Take an exclusive lock file of a build (finish.lock, output.lock) as tryFinishLock describes. */
export async function tryLockFile(lock: string): Promise<(() => Promise<void>) | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      const holder: LockHolder = { pid: process.pid, host: os.hostname(), since: Date.now() };
      await handle.writeFile(JSON.stringify(holder));
      await handle.close();
      return () => rm(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readFile(lock, 'utf8').then((t) => JSON.parse(t) as LockHolder).catch(() => null);
    // Empty: being written this very moment, or left so by a writer that died (then it stays empty).
    const fresh = holder === null && (await stat(lock).then((st) => Date.now() - st.mtimeMs < 10_000).catch(() => false));
    if (fresh || (holder !== null && holderAlive(holder))) return null;
    await rm(lock, { force: true });
  }
  return null;
}

export async function writeState(files: BuildFiles, state: BuildState): Promise<void> {
  await writeJsonAtomically(files.state, state);
}

export async function readState(files: BuildFiles): Promise<BuildState | null> {
  try {
    return JSON.parse(await readFile(files.state, 'utf8')) as BuildState;
  } catch {
    return null;
  }
}

export async function appendOutput(files: BuildFiles, text: string): Promise<void> {
  await appendFile(files.output, text);
}

/** Writes the record, with the build's forecast (when one was made) set against the actual durations. */
export async function writeRecord(files: BuildFiles, record: BuildRecord): Promise<void> {
  const forecast = await readForecast(files);
  await writeJsonAtomically(files.record, forecast ? { ...record, forecast: forecastVsActual(forecast, record.packages) } : record);
}

export async function readForecast(files: BuildFiles): Promise<Forecast | null> {
  try {
    return JSON.parse(await readFile(files.forecast, 'utf8')) as Forecast;
  } catch {
    return null;
  }
}

/**
 * Keeps the forecast made as the build started. It runs beside the build, so the record may already
 * be written: it then gets the comparison too (whichever of the two writes comes second adds it).
 */
export async function writeForecast(files: BuildFiles, forecast: Forecast): Promise<void> {
  await writeJsonAtomically(files.forecast, forecast);
  const record = await readRecord(files);
  if (record) await writeJsonAtomically(files.record, { ...record, forecast: forecastVsActual(forecast, record.packages) });
}

export async function readRecord(files: BuildFiles): Promise<BuildRecord | null> {
  try {
    return JSON.parse(await readFile(files.record, 'utf8')) as BuildRecord;
  } catch {
    return null;
  }
}

/** Every build folder's state, newest first. */
export async function listBuildStates(env: NodeJS.ProcessEnv = process.env): Promise<BuildState[]> {
  let ids: string[];
  try {
    ids = await readdir(buildsDir(env));
  } catch {
    return [];
  }
  const states = await Promise.all(ids.filter(isFolderName).map((id) => readState(buildFiles(id, env))));
  return states.filter((s): s is BuildState => s !== null).sort((a, b) => b.createdAt - a.createdAt);
}

/** Every finished build's record (for ETAs). */
export async function listRecords(env: NodeJS.ProcessEnv = process.env): Promise<BuildRecord[]> {
  let ids: string[];
  try {
    ids = await readdir(buildsDir(env));
  } catch {
    return [];
  }
  const records = await Promise.all(ids.filter(isFolderName).map((id) => readRecord(buildFiles(id, env))));
  return records.filter((r): r is BuildRecord => r !== null);
}
