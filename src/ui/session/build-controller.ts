// Runs (or reattaches to) a build for the TUI: events are buffered and folded into the shared store
// at most ten times a second, raw lines go to a bounded ring buffer, and the session can be detached
// or cancelled from any screen (quit, SIGHUP).
import { EMPTY_PROGRESS, reduceProgress, type BuildProgress } from '../../core/build/progress.js';
import type { BuildEvent, FailureLogEvent } from '../../core/events.js';
import type { BuildSession } from '../../engine/build/runner.js';
import type { EngineConnection } from '../../engine/docker/index.js';
import { LineRing } from '../components/log-view/line-ring.js';
import type { WorkbenchServices } from './workbench-services.js';
import type { BuildState, WorkbenchStore } from './workbench-store.js';

const FLUSH_MS = 100;
const LOG_RING_LINES = 5000;

export class BuildController {
  private session: BuildSession | null = null;
  private attachingId: string | null = null;
  private beforeAttach: BuildState | null = null;
  /** The build's progress with the events received since the last flush folded in (null: none since). */
  private folded: BuildProgress | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The whole build's output lines (bounded); the full log is on disk. */
  readonly log = new LineRing(LOG_RING_LINES);
  /** Copies of failed packages' build.log the runner reported (path and tail), for the failure panel. */
  readonly failureLogs: FailureLogEvent[] = [];

  constructor(
    private readonly store: WorkbenchStore,
    private readonly services: WorkbenchServices,
  ) {}

  get running(): boolean {
    return this.session !== null && this.store.getState().build?.outcome === 'running';
  }

  get current(): BuildSession | null {
    return this.session;
  }

  /** The build an attach is reaching for (reading its state and container), until it follows it. */
  get attaching(): string | null {
    return this.attachingId;
  }

  /** Build the open recipe. */
  async start(connection: EngineConnection): Promise<void> {
    const { recipe, engine } = this.store.getState();
    if (!recipe.doc) throw new Error('no recipe is open');
    this.reset();
    // The build's state names its engine, so `attach` and `builds` find it there later.
    const name = engine.status === 'ready' && engine.connection === connection ? engine.name : undefined;
    const session = await this.services.builds.start(connection, { recipe: recipe.doc, recipePath: recipe.path, onEvents: (e) => this.receive(e), ...(name === undefined ? {} : { engine: name }) });
    this.follow(session);
  }

  /**
   * Show build `id` as the one being reached (waiting for its first lines) before the engine answers:
   * `gentoo-wb attach ID` opens on it, not on an idle Build step asking for a recipe. `attach` or
   * `abandonAttach` ends the wait.
   */
  expectAttach(id: string): void {
    if (this.attachingId === id) return;
    this.reset();
    this.attachingId = id;
    this.beforeAttach = this.store.getState().build;
    this.store.update((s) => ({ ...s, build: { id, progress: EMPTY_PROGRESS, outcome: 'running', message: null } }));
  }

  /** The attach expected will not happen (no engine): the Build step is as it was. */
  abandonAttach(id: string): void {
    if (this.attachingId !== id) return;
    this.attachingId = null;
    const previous = this.beforeAttach;
    this.store.update((s) => (this.session === null && s.build?.id === id && s.build.progress === EMPTY_PROGRESS ? { ...s, build: previous } : s));
  }

  /** Follow a running build again. */
  async attach(connection: EngineConnection, id: string): Promise<void> {
    // While its state and container are read, the Build step shows this build waiting for its first
    // lines (not "Nothing is building" with a recipe to build).
    this.expectAttach(id);
    try {
      const session = await this.services.builds.attach(connection, id, (e) => this.receive(e));
      this.attachingId = null;
      this.follow(session);
    } catch (err) {
      this.abandonAttach(id);
      throw err;
    }
  }

  /**
   * After the workbench closed: the line that tells the shell how to follow again a build this session
   * leaves going on in its container (null when none is left running).
   */
  reattachNote(): string | null {
    const id = this.session?.id ?? this.attachingId;
    const build = this.store.getState().build;
    if (!id || build?.id !== id || (build.outcome !== 'running' && build.outcome !== 'detached')) return null;
    return `build ${id} goes on in its container; gentoo-wb attach ${id} follows it again\n`;
  }

  /** Stop watching; the build goes on in its container. */
  detach(): void {
    this.session?.detach();
  }

  /** Stop and remove the build container; nothing is tagged. */
  async cancel(): Promise<void> {
    await this.session?.cancel();
  }

  private reset(): void {
    this.session = null;
    this.folded = null;
    this.log.clear();
    this.failureLogs.length = 0;
  }

  private follow(session: BuildSession): void {
    this.session = session;
    this.store.update((s) => ({ ...s, build: { id: session.id, progress: EMPTY_PROGRESS, outcome: 'running', message: null } }));
    void session.outcome.then(
      (outcome) => {
        this.flush();
        this.store.update((s) => {
          if (!s.build || s.build.id !== session.id) return s;
          const message = outcome.kind === 'failed' || outcome.kind === 'lost' ? outcome.message : null;
          const build: BuildState = { ...s.build, outcome: outcome.kind, message };
          const lastImage = outcome.kind === 'succeeded' && outcome.image ? outcome.image : s.lastImage;
          return { ...s, build, lastImage };
        });
      },
      (err: unknown) => {
        this.flush();
        this.store.update((s) => (s.build ? { ...s, build: { ...s.build, outcome: 'failed', message: (err as Error).message } } : s));
      },
    );
  }

  private receive(events: BuildEvent[]): void {
    for (const e of events) {
      // Log lines go to the ring only: the reducer would just stamp them, and holding every line of
      // a flood until the next flush is what made memory peak.
      if (e.type === 'log') {
        this.log.push(e.text);
        continue;
      }
      // Folded as it comes, published at the next flush: a flood's events held until then outlived
      // two garbage collections and were promoted en masse, the rest of that memory peak.
      this.folded = reduceProgress(this.folded ?? this.followedProgress(), e);
      if (e.type === 'failure-log') this.failureLogs.push(e);
    }
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** What events fold into: the followed build's progress; before follow() sets it, the empty one it will set. */
  private followedProgress(): BuildProgress {
    const build = this.store.getState().build;
    return this.session !== null && build?.id === this.session.id ? build.progress : EMPTY_PROGRESS;
  }

  /** Publish the progress folded since the last flush in one store update. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.folded === null) return;
    const progress = this.folded;
    this.folded = null;
    this.store.update((s) => (s.build ? { ...s, build: { ...s.build, progress } } : s));
  }
}
