// The configured engines in the settings file: added only after every check passed (a refused
// `engines add` leaves the file as it was), removed by name, listed in the order they were added.
import type { SettingsStore } from '../settings/settings-store.js';
import { resolveEngineEndpoint } from './engine-endpoint.js';
import { checkEngineName, normalEngineUrl, parseEngineUrl, type EngineEntry, type SpecResult } from './engine-spec.js';
import { checkTlsDir } from './tls-dir.js';

export interface NewEngine {
  name: string;
  url: string;
  tlsDir?: string | undefined;
}

/** The entry to save and what the user should know about it, or why it is refused. */
export type Validated = { ok: true; entry: EngineEntry; warnings: string[] } | { ok: false; message: string; hint: string };

/** The engines in the settings, as saved. */
export function listEngines(store: SettingsStore): EngineEntry[] {
  return store.read().engines.map((e) => ({ name: e.name, url: e.url, tlsDir: e.tlsDir }));
}

/** One engine by name, or null. */
export function findEngine(store: SettingsStore, name: string): EngineEntry | null {
  return listEngines(store).find((e) => e.name === name) ?? null;
}

/** Check a new engine against the saved ones, the URL rules, its TLS folder and the resolver. */
function validateNewEngine(existing: readonly EngineEntry[], input: NewEngine, env: NodeJS.ProcessEnv = process.env): Validated {
  const name = checkEngineName(input.name);
  if (!name.ok) return name;
  if (existing.some((e) => e.name === input.name)) {
    return { ok: false, message: `an engine named "${input.name}" exists already`, hint: `pick another name, or \`gentoo-wb engines remove ${input.name}\` first` };
  }
  const target = parseEngineUrl(input.url);
  if (!target.ok) return target;
  let tlsDir: string | undefined;
  if (input.tlsDir !== undefined) {
    if (target.value.kind !== 'host' || target.value.scheme !== 'tcp') {
      return { ok: false, message: '--tls-dir applies only to tcp:// URLs', hint: 'ssh:// and unix:// need no certificates; a docker context keeps its own TLS files' };
    }
    const dir: SpecResult<string> = checkTlsDir(input.tlsDir);
    if (!dir.ok) return dir;
    tlsDir = dir.value;
  }
  const entry: EngineEntry = { name: input.name, url: normalEngineUrl(target.value), ...(tlsDir === undefined ? {} : { tlsDir }) };
  const resolved = resolveEngineEndpoint(entry, env);
  if (!resolved.ok) return { ok: false, message: resolved.error.message, hint: resolved.error.hint };
  return { ok: true, entry, warnings: resolved.endpoint.warnings.map((w) => w.message) };
}

export type StoreChange = { ok: true; entry: EngineEntry; warnings: string[] } | { ok: false; message: string; hint: string };

/** Validate and save a new engine; nothing is written when a check fails. */
export function addEngine(store: SettingsStore, input: NewEngine, env: NodeJS.ProcessEnv = process.env): StoreChange {
  const checked = validateNewEngine(listEngines(store), input, env);
  if (!checked.ok) return checked;
  store.update((s) => ({ ...s, engines: [...s.engines, checked.entry] }));
  const unsaved = notSaved(store);
  return unsaved ?? checked;
}

/** Forget an engine (its images and containers stay on it). */
export function removeEngine(store: SettingsStore, name: string): StoreChange {
  const entry = findEngine(store, name);
  if (entry === null) return unknownEngine(store, name);
  store.update((s) => ({ ...s, engines: s.engines.filter((e) => e.name !== name) }));
  return notSaved(store) ?? { ok: true, entry, warnings: [] };
}

/** The refusal for a name that is not configured, listing the names that are. */
export function unknownEngine(store: SettingsStore, name: string): { ok: false; message: string; hint: string } {
  const names = listEngines(store).map((e) => e.name);
  return {
    ok: false,
    message: `no engine named ${JSON.stringify(name)}`,
    hint: names.length === 0 ? 'add one with `gentoo-wb engines add NAME URL`' : `configured engines: ${names.join(', ')} (\`gentoo-wb engines list\`)`,
  };
}

function notSaved(store: SettingsStore): { ok: false; message: string; hint: string } | null {
  if (store.problem === undefined) return null;
  return { ok: false, message: `the settings could not be saved: ${store.problem}`, hint: 'nothing was changed on disk; fix the folder and run the command again' };
}
