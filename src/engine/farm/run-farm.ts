// A farm run: recipes read (facts and forecasts), queued over the engines by the pure scheduler, the
// images each engine lacks copied there, one shared binhost served for the recipes' cache key, then
// every recipe built through the one build start (startBuild, with its forecast beside it) as soon as
// the recipes it waits for have ended; what a build on another engine compiled is published to the
// shared binhost. The abort signal cancels everything; the binhost the farm started is always stopped.
import type { BuildEvent } from '../../core/events.js';
import { scheduleFarm, readySlots, type FarmSlot } from '../../core/farm/farm-schedule.js';
import { countsOf, type FarmRecipeResult, type FarmSummary, type FarmTransfer } from '../../core/farm/farm-summary.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { readRecord } from '../build/build-store.js';
import { startBuild, type BuildOutcome } from '../build/runner.js';
import { probeSandbox } from '../build/sandbox-facts.js';
import { EngineError } from '../docker/index.js';
import { forecastBuild } from '../forecast/build-forecast.js';
import type { FarmEngine } from './farm-engines.js';
import { recipeFacts, type FarmRecipe, type RecipeFacts } from './farm-facts.js';
import { imageCopier } from './farm-images.js';
import { publishPackages } from './publish-packages.js';
import { binhostUrlFor, startSharedBinhost, stopSharedBinhost, type SharedBinhost } from './shared-binhost.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';

export interface FarmRequest {
  recipes: FarmRecipe[];
  engines: FarmEngine[];
  namespace: string | null;
  containerEnv: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** Fired by Ctrl-C: every build is cancelled, nothing more starts. */
  signal: AbortSignal;
  /** One line of what the farm itself does (stderr in the command). */
  note: (line: string) => void;
  /** A sink for one build's events. */
  eventsFor: (recipe: FarmRecipe, engine: FarmEngine, buildId: string) => (events: BuildEvent[]) => void;
  /** The farm's own moves as data, for a view that follows them (the command prints the notes instead). */
  progress?: (event: FarmProgress) => void;
}

/** What the farm does, as a view follows it: the queue, the shared binhost, each recipe's start and end. */
export type FarmProgress =
  | { type: 'scheduled'; slots: FarmSlot[] }
  | { type: 'binhost'; binhost: NonNullable<FarmSummary['binhost']> }
  | { type: 'started'; recipe: number; engine: string; buildId: string; logDir: string }
  | { type: 'ended'; recipe: number; result: FarmRecipeResult };

/** How long a build's end waits for its forecast still being made (as `build` does). */
const FORECAST_GRACE_MS = 30_000;

/** The recipe as the farm builds it on an engine: the shared binhost first among its binhosts. */
function withSharedBinhost(recipe: Recipe, url: string): Recipe {
  if (url === '') return recipe;
  return { ...recipe, binaries: { ...recipe.binaries, hosts: [{ kind: 'url', url }, ...recipe.binaries.hosts] } };
}

/** Run the farm; the summary says what happened to each recipe (also after a cancel). */
export async function runFarm(req: FarmRequest): Promise<FarmSummary> {
  const started = performance.now();
  const since = () => (performance.now() - started) / 1000;
  const transfers: FarmTransfer[] = [];
  const results: FarmRecipeResult[] = req.recipes.map((r) => ({
    recipe: r.recipe.name, file: r.file, engine: '', buildId: null, status: 'not started', message: null, image: null,
    waitedSeconds: 0, seconds: 0, forecast: null, actual: { binaries: 0, compiles: 0 }, published: 0,
  }));
  const summary = (shared: SharedBinhost | null, urls: Record<string, string>, scheduling: number): FarmSummary => ({
    ok: results.every((r) => r.status === 'succeeded'),
    engines: req.engines.map((e) => e.name),
    binhost: shared ? { engine: shared.engine.name, name: shared.binhost.name, urls, startedByFarm: shared.startedByFarm } : null,
    recipes: results,
    transfers,
    seconds: { total: since(), scheduling, transfer: transfers.reduce((s, t) => s + t.seconds, 0) },
  });

  // Scheduling: facts of every recipe (on an engine holding its base), then the queue.
  req.note(`reading ${req.recipes.length} recipes: base architecture, cache key, forecast …`);
  const reads = req.recipes.map((r, i) => recipeFacts(i, r, req.engines, req.namespace, { containerEnv: req.containerEnv, ...(req.env ? { env: req.env } : {}), signal: req.signal }));
  // Every read ends (its probe containers removed) before a failure or a cancel goes on: returning at
  // the first rejection let a quitting workbench exit with the others' probe containers left behind.
  await Promise.allSettled(reads);
  const facts: RecipeFacts[] = await Promise.all(reads);
  const schedule = scheduleFarm(facts, req.engines);
  if (!schedule.ok) throw new EngineError('bad-request', schedule.problem, schedule.hint);
  const scheduling = since();
  req.progress?.({ type: 'scheduled', slots: schedule.slots });
  const engineOf = (slot: FarmSlot) => req.engines.find((e) => e.name === slot.engine)!;
  for (const slot of schedule.slots) {
    results[slot.recipe]!.engine = slot.engine;
    const waits = slot.after.map((i) => req.recipes[i]!.recipe.name);
    const named = req.recipes[slot.recipe]!.recipe.engine !== undefined ? ' (its recipe names it)' : '';
    req.note(`${req.recipes[slot.recipe]!.recipe.name} → ${slot.engine}${named}${waits.length ? ` after ${waits.join(', ')} (for ${slot.waitsFor.join(' ')} as binaries)` : ''}`);
  }
  for (const r of req.recipes) {
    if (r.recipe.portage.source === 'host' && schedule.slots.some((s) => req.recipes[s.recipe] === r && engineOf(s).connection.endpoint.address.kind !== 'unix')) {
      throw new EngineError('bad-request', `recipe ${r.recipe.name} reads a Portage tree from a folder of this machine (${r.recipe.portage.path}), which engine ${schedule.slots.find((s) => req.recipes[s.recipe] === r)!.engine} cannot mount`, 'use the base\'s own tree or a snapshot image in that recipe');
    }
  }

  // The shared binhost: the cache of the first recipe that keeps one, served on the engine building it.
  const sharer = schedule.slots.find((s) => facts[s.recipe]!.cacheKey !== null);
  const ensureImage = imageCopier(req.engines, req.signal, (t) => {
    transfers.push(t);
    req.note(`copied ${t.what} from ${t.from} to ${t.to}: ${(t.bytes / 1048576).toFixed(1)} MiB in ${t.seconds.toFixed(1)} s`);
  });
  // Every image a recipe needs goes to its engine now, beside the first builds, not when the recipe's turn comes.
  const images = (item: FarmRecipe) => [baseImageRef(item.recipe), ...(item.recipe.portage.source === 'snapshot' ? [item.recipe.portage.image] : [])];
  for (const slot of schedule.slots) for (const image of images(req.recipes[slot.recipe]!)) ensureImage(image, engineOf(slot)).catch(() => undefined);
  let shared: SharedBinhost | null = null;
  const urls: Record<string, string> = {};
  try {
    if (sharer) {
      const serving = engineOf(sharer);
      const image = baseImageRef(req.recipes[sharer.recipe]!.recipe);
      await ensureImage(image, serving);
      shared = await startSharedBinhost(serving, facts[sharer.recipe]!.cacheKey!, image, req.namespace);
      for (const e of req.engines) urls[e.name] = await binhostUrlFor(shared, e);
      req.progress?.({ type: 'binhost', binhost: { engine: serving.name, name: shared.binhost.name, urls, startedByFarm: shared.startedByFarm } });
      req.note(`shared binhost ${shared.binhost.name} on ${serving.name}${shared.startedByFarm ? '' : ' (served already)'}; ${Object.entries(urls).map(([e, u]) => `${e}: ${u || 'its own cache'}`).join(', ')}`);
    }

    const runSlot = async (slot: FarmSlot): Promise<void> => {
      const item = req.recipes[slot.recipe]!;
      const engine = engineOf(slot);
      const result = results[slot.recipe]!;
      const sharing = shared !== null && facts[slot.recipe]!.cacheKey === shared.key;
      const image = baseImageRef(item.recipe);
      for (const needed of images(item)) await ensureImage(needed, engine);
      if (req.signal.aborted) return;
      const recipe = sharing ? withSharedBinhost(item.recipe, urls[engine.name] ?? '') : item.recipe;
      const sandbox = await probeSandbox(engine.docker, image);
      if (req.signal.aborted) return;
      let sink: ((events: BuildEvent[]) => void) | null = null;
      const session = startBuild({
        docker: engine.docker, recipe, recipePath: item.file, sandbox, containerEnv: req.containerEnv,
        ...(req.env ? { env: req.env } : {}), ...(engine.buildEngine ? { engine: engine.buildEngine } : {}),
        onEvents: (events) => sink?.(events),
      });
      sink = req.eventsFor(item, engine, session.id);
      result.buildId = session.id;
      result.waitedSeconds = since();
      req.progress?.({ type: 'started', recipe: slot.recipe, engine: engine.name, buildId: session.id, logDir: session.files.dir });
      req.note(`${item.recipe.name}: build ${session.id} started on ${engine.name} (logs in ${session.files.dir})`);
      const forecastStop = new AbortController();
      const forecast = forecastBuild(engine.docker, recipe, session.files, { containerEnv: req.containerEnv, ...(req.env ? { env: req.env } : {}), signal: forecastStop.signal });
      const onAbort = () => {
        forecastStop.abort();
        void session.cancel();
      };
      req.signal.addEventListener('abort', onAbort);
      // A Ctrl-C that came while the build was being started.
      if (req.signal.aborted) onAbort();
      const t0 = performance.now();
      let outcome: BuildOutcome;
      try {
        outcome = await session.outcome;
      } finally {
        req.signal.removeEventListener('abort', onAbort);
      }
      result.seconds = (performance.now() - t0) / 1000;
      const late = setTimeout(() => forecastStop.abort(), FORECAST_GRACE_MS);
      await forecast.ready;
      clearTimeout(late);
      const record = await readRecord(session.files);
      Object.assign(result, countsOf(record?.forecast ?? null));
      result.status = outcome.kind === 'detached' ? 'lost' : outcome.kind;
      result.message = 'message' in outcome ? (outcome.message ?? null) : null;
      result.image = outcome.kind === 'succeeded' ? outcome.image : null;
      req.note(`${item.recipe.name}: ${result.status} on ${engine.name} in ${result.seconds.toFixed(1)} s (${result.actual.compiles} compiled, ${result.actual.binaries} binaries)`);
      // What it compiled goes to the shared binhost (the serving engine's builds wrote there already).
      const compiled = (record?.packages ?? []).filter((p) => !p.binary && p.ok).map((p) => p.cpv);
      if (outcome.kind !== 'succeeded' || !sharing || shared === null || engine.name === shared.engine.name || compiled.length === 0 || req.signal.aborted) return;
      // The key names the volume, so it has the same name on every engine.
      const volume = shared.volume;
      const done = await publishPackages({ docker: engine.docker, volume, image }, { docker: shared.engine.docker, volume, image: shared.image }, compiled, req.signal);
      result.published = compiled.length;
      transfers.push({ kind: 'packages', from: engine.name, to: shared.engine.name, what: compiled.join(' '), bytes: done.bytes, seconds: done.seconds });
      req.note(`${item.recipe.name}: published ${done.files} binary package file(s) from ${engine.name} to the shared binhost on ${shared.engine.name} in ${done.seconds.toFixed(1)} s`);
    };

    const startedSet = new Set<number>();
    const ended = new Set<number>();
    const running = new Map<number, Promise<void>>();
    for (;;) {
      if (!req.signal.aborted) {
        for (const slot of readySlots(schedule.slots, startedSet, ended)) {
          startedSet.add(slot.recipe);
          const run = runSlot(slot)
            .catch((err: unknown) => {
              const r = results[slot.recipe]!;
              if (r.status === 'not started' || r.status === 'succeeded') r.status = req.signal.aborted ? 'cancelled' : 'failed';
              r.message = err instanceof EngineError ? `${err.message} (${err.hint})` : (err as Error).message;
              req.note(`${r.recipe}: ${r.message}`);
            })
            .finally(() => {
              req.progress?.({ type: 'ended', recipe: slot.recipe, result: { ...results[slot.recipe]! } });
              ended.add(slot.recipe);
              running.delete(slot.recipe);
            });
          running.set(slot.recipe, run);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
  } finally {
    if (shared !== null) {
      await stopSharedBinhost(shared).catch((err: Error) => req.note(`could not stop the shared binhost ${shared!.binhost.name}: ${err.message}`));
    }
  }
  return summary(shared, urls, scheduling);
}
