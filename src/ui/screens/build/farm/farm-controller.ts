// One farm run for the workbench, alive as long as the session (leaving the Build step does not stop
// it): it starts the run through the farm services, folds their events into a FarmState at most ten
// times a second, keeps each build's output lines in a bounded ring, and cancels every build on ask.
// Also what the Build step shows of it (the setup, the farm), so coming back finds it as it was left.
import { EngineError } from '../../../../engine/docker/index.js';
import type { BuildEvent } from '../../../../core/events.js';
import type { FarmRecipe } from '../../../../engine/farm/farm-facts.js';
import { LineRing } from '../../../components/log-view/line-ring.js';
import type { FarmServices } from '../../../session/farm-services.js';
import { applyBuildEvents, applyFarmProgress, farmEnded, farmFailed, newFarm, type FarmState } from './farm-model.js';

const FLUSH_MS = 100;
const LOG_RING_LINES = 2000;

/** What the Build step shows: its own screen, the farm's setup, or the farm. */
export type FarmShown = 'none' | 'setup' | 'farm';

type Listener = () => void;
type Pending = { kind: 'build'; index: number; events: BuildEvent[] } | { kind: 'farm'; apply: (s: FarmState, now: number) => FarmState };

export class FarmController {
  private farm: FarmState | null = null;
  private shownValue: FarmShown = 'none';
  private abort: AbortController | null = null;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<Listener>();
  /** Each build's output lines (bounded; the full log is in its folder), by recipe index. */
  private rings: LineRing[] = [];
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly now: () => number = Date.now) {}

  get state(): FarmState | null {
    return this.farm;
  }

  get shown(): FarmShown {
    return this.shownValue;
  }

  get running(): boolean {
    return this.farm !== null && (this.farm.phase === 'scheduling' || this.farm.phase === 'running');
  }

  /** Resolves once the run in progress (if any) has ended. */
  get settled(): Promise<void> {
    return this.done;
  }

  ring(index: number): LineRing | null {
    return this.rings[index] ?? null;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  show(what: FarmShown): void {
    if (what === this.shownValue) return;
    this.shownValue = what;
    this.changed();
  }

  /** Start a farm of `recipes` on `engines`; refused while one runs. `onSettled` runs once it has ended. */
  start(services: FarmServices, recipes: FarmRecipe[], engines: string[], onSettled?: () => void): void {
    if (this.running) throw new Error('a farm is running already: one farm at a time');
    const abort = new AbortController();
    this.abort = abort;
    this.pending = [];
    this.rings = recipes.map(() => new LineRing(LOG_RING_LINES));
    this.farm = newFarm(recipes.map((r) => ({ name: r.recipe.name, file: r.file, base: r.recipe.base.image, mode: r.recipe.mode.kind })), engines, this.now());
    this.shownValue = 'farm';
    this.changed();
    const queue = (p: Pending) => {
      this.pending.push(p);
      this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
    };
    this.done = services
      .run({
        recipes, engines, signal: abort.signal,
        note: (line) => queue({ kind: 'farm', apply: (s) => ({ ...s, note: line }) }),
        progress: (event) => queue({ kind: 'farm', apply: (s, now) => applyFarmProgress(s, event, now) }),
        events: (index, events) => {
          const ring = this.rings[index];
          const rest: BuildEvent[] = [];
          for (const e of events) {
            if (e.type === 'log') ring?.push(e.text);
            else rest.push(e);
          }
          if (rest.length > 0) queue({ kind: 'build', index, events: rest });
        },
      })
      .then(
        (summary) => this.settle((s, now) => farmEnded(s, summary, now)),
        (err: unknown) => {
          const e = err as Error;
          this.settle((s, now) => farmFailed(s, `${e.message}${e instanceof EngineError ? ` (${e.hint})` : ''}`, now));
        },
      )
      .finally(() => onSettled?.());
  }

  /** Cancel every build of the farm; nothing more starts. Resolves when the farm has ended. */
  cancel(): Promise<void> {
    if (!this.running || !this.abort) return this.done;
    this.abort.abort();
    if (this.farm) this.farm = { ...this.farm, cancelling: true };
    this.changed();
    return this.done;
  }

  private settle(last: (s: FarmState, now: number) => FarmState): void {
    this.flush();
    if (this.farm) this.farm = last(this.farm, this.now());
    this.abort = null;
    this.changed();
  }

  /** Fold what came in since the last flush, in one change. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0 || this.farm === null) return;
    const now = this.now();
    let state = this.farm;
    for (const p of this.pending) state = p.kind === 'farm' ? p.apply(state, now) : applyBuildEvents(state, p.index, p.events, now);
    this.pending = [];
    // A cancel asked meanwhile stays asked.
    this.farm = this.farm.cancelling && (state.phase === 'scheduling' || state.phase === 'running') ? { ...state, cancelling: true } : state;
    this.changed();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}

const controllers = new WeakMap<object, FarmController>();

/** The session's farm controller (one per workbench, made on first ask). */
export function farmControllerOf(owner: object): FarmController {
  let controller = controllers.get(owner);
  if (!controller) {
    controller = new FarmController();
    controllers.set(owner, controller);
  }
  return controller;
}
