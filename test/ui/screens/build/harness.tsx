// The Build screen inside the real shell, store and BuildController, with a fake BuildSession the
// test drives with real events: rig transcripts wrapped the way the build container prints them
// (step markers, engine timestamps) and parsed by the real run-output parser.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import { Text } from 'ink';
import { vi, type Mock } from 'vitest';
import { createRunOutputParser } from '../../../../src/core/build/run-output.js';
import type { BuildRecord } from '../../../../src/core/build/build-record.js';
import { recordsAsMerges } from '../../../../src/core/build/build-record.js';
import type { BuildEvent } from '../../../../src/core/events.js';
import { buildHistory } from '../../../../src/core/portage/eta/eta.js';
import { newRecipe } from '../../../../src/core/recipe/new-recipe.js';
import type { Recipe } from '../../../../src/core/recipe/recipe-schema.js';
import type { FollowPackageLogOptions, PackageLogEnd } from '../../../../src/engine/build/package-log.js';
import { buildFiles, type BuildFiles } from '../../../../src/engine/build/build-store.js';
import type { BuildListing } from '../../../../src/engine/build/build-list.js';
import type { UnreachableEngine } from '../../../../src/engine/engines/engine-builds.js';
import type { BuildOutcome, BuildSession } from '../../../../src/engine/build/runner.js';
import type { Forecast } from '../../../../src/core/forecast/forecast-types.js';
import type { EngineConnection } from '../../../../src/engine/docker/index.js';
import { App } from '../../../../src/ui/app/app.js';
import type { StepId } from '../../../../src/ui/app/steps.js';
import { BuildServicesProvider, type BuildServices } from '../../../../src/ui/screens/build/build-context.js';
import { BuildScreen } from '../../../../src/ui/screens/build/build-screen.js';
import { WorkbenchProvider, type Workbench } from '../../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore, type EngineState, type WorkbenchStore } from '../../../../src/ui/session/workbench-store.js';
import type { CopyResult } from '../../../../src/ui/terminal/osc52.js';
import type { PagerResult } from '../../../../src/ui/terminal/pager.js';
import { rig } from '../../../core/fixtures.js';
import { fakeServices, fakeWorkbench } from '../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';

export const CONNECTION = { docker: { fake: 'docker' }, endpoint: { host: 'unix:///fake.sock' }, info: { arch: 'x86_64', kind: 'docker', rawInfo: {} } } as unknown as EngineConnection;
export const STEP = { id: 'emerge', title: 'emerge dev-lang/php dev-vcs/git www-servers/nginx app-misc/hello', output: 'emerge' as const };

/** A transcript (or its first `lines` lines) as the build container prints it: markers, timestamps, one second a line. */
export function containerOutput(name: string, start: number, options: { lines?: number; end?: boolean } = {}): string {
  const body = rig(name).split('\n');
  const lines = ['@@gentoo-wb step-start 01-emerge', ...body.slice(0, options.lines ?? body.length)];
  if (options.end !== false && options.lines === undefined) lines.push('@@gentoo-wb step-end 01-emerge 0', '@@gentoo-wb done');
  return `${lines.map((l, i) => `${new Date(start + i * 1000).toISOString()} ${l}`).join('\n')}\n`;
}

/** The events the real parser makes of container output. */
export function eventsOf(output: string): BuildEvent[] {
  const parser = createRunOutputParser([STEP]);
  return [...parser.push(output), ...parser.end()];
}

export function recipeFor(packages: string[], name = 'php-web'): Recipe {
  return newRecipe({ name, base: 'gentoo/stage3:amd64-openrc', packages, tags: ['php-web:latest'], sizing: { jobs: 3, makeopts: '-j4' } });
}

/** A past build's record with the given package timings (for ETAs). */
export function recordWith(timings: Record<string, number>): BuildRecord {
  return {
    state: {
      id: 'old', recipeName: 'old', recipeHash: 'h', recipePath: null, mode: 'commit', baseImage: 'gentoo/stage3', tags: [], containerId: null,
      status: 'succeeded', createdAt: 0, endedAt: 1, finishDone: [], image: null, failed: [], exitCode: 0, message: null,
    },
    packages: Object.entries(timings).map(([cpv, seconds], i) => ({ cpv, seconds, binary: false, ok: true, startedAt: 1_700_000_000_000 + i * 1000 })),
    steps: [],
    smokeTest: null,
  };
}

export interface FakeBuild {
  session: BuildSession;
  files: BuildFiles;
  emit(events: BuildEvent[]): void;
  finish(outcome: BuildOutcome): void;
  detach: Mock;
  cancel: Mock;
}

export interface FollowCall {
  cpv: string;
  containerId: string;
  options: FollowPackageLogOptions;
  end(result: PackageLogEnd): void;
}

export interface BuildHarness {
  tui: Tui;
  store: WorkbenchStore;
  workbench: Workbench;
  builds: FakeBuild[];
  follows: FollowCall[];
  copies: string[];
  pagers: string[];
  onExit: Mock;
  stateDir: string;
  start: Mock;
}

export interface BuildHarnessOptions {
  recipe?: Recipe | null;
  engine?: EngineState;
  columns?: number;
  rows?: number;
  theme?: string;
  records?: BuildRecord[];
  /** Builds offered at start (on `local` unless they name their engine). */
  attachable?: Array<BuildListing & { engine?: string }>;
  /** Engines that did not answer when the builds were listed. */
  unreachable?: UnreachableEngine[];
  initialStep?: StepId;
  animate?: boolean;
  /** Make services.builds.start fail with this message. */
  startFails?: string;
  /** The forecast kept in the build's folder (readForecast); none by default, and none is ever made. */
  forecast?: Forecast;
  /** What each package's build.log ends with (the last ">>> " line), for the phase poll. */
  phaseLines?: Record<string, string>;
}

let counter = 0;

/** Open the shell on the Build step with fake services and effects. */
export async function openBuild(options: BuildHarnessOptions = {}): Promise<BuildHarness> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'gwb-build-ui-'));
  const env = { XDG_STATE_HOME: stateDir };
  const store = createWorkbenchStore({ engine: options.engine ?? { status: 'ready', connection: CONNECTION } });
  const recipe = options.recipe === undefined ? recipeFor(['dev-lang/php', 'dev-vcs/git', 'www-servers/nginx', 'app-misc/hello']) : options.recipe;
  if (recipe) store.setRecipe(recipe, { path: '/recipes/php-web.json', saved: true });
  const builds: FakeBuild[] = [];

  const fakeSession = (id: string, onEvents: (e: BuildEvent[]) => void): FakeBuild => {
    const files = buildFiles(id, env);
    mkdirSync(files.logs, { recursive: true });
    writeFileSync(files.state, JSON.stringify({ id, recipeName: recipe?.name ?? 'attached-recipe', baseImage: 'gentoo/stage3:amd64-openrc', mode: 'commit' }));
    let settle: (o: BuildOutcome) => void = () => {};
    const outcome = new Promise<BuildOutcome>((resolve) => (settle = resolve));
    const detach = vi.fn(() => settle({ kind: 'detached' }));
    const cancel = vi.fn(async () => settle({ kind: 'cancelled' }));
    const session: BuildSession = { id, files, outcome, containerId: () => `container-${id}`, detach, cancel };
    const fake = { session, files, emit: onEvents, finish: (o: BuildOutcome) => settle(o), detach, cancel };
    builds.push(fake);
    return fake;
  };

  const start = vi.fn(async (_c: EngineConnection, input: { onEvents: (e: BuildEvent[]) => void }) => {
    if (options.startFails) throw new Error(options.startFails);
    return fakeSession(`b${++counter}-${Date.now().toString(36)}`, input.onEvents).session;
  });
  const services = fakeServices({
    connection: CONNECTION,
    builds: {
      start,
      attach: vi.fn(async (_c: EngineConnection, id: string, onEvents: (e: BuildEvent[]) => void) => fakeSession(id, onEvents).session),
      attachable: vi.fn(async () => ({ builds: (options.attachable ?? []).map((b) => ({ engine: 'local', ...b })), unreachable: options.unreachable ?? [] })),
    },
  });
  const workbench = fakeWorkbench(services, store);

  const follows: FollowCall[] = [];
  const copies: string[] = [];
  const pagers: string[] = [];
  const history = buildHistory(recordsAsMerges(options.records ?? []));
  const effects: Partial<BuildServices> = {
    loadHistory: async () => history,
    followPackageLog: (_docker, containerId, cpv, followOptions) =>
      new Promise<PackageLogEnd>((resolve) => {
        const call: FollowCall = { cpv, containerId, options: followOptions, end: resolve };
        followOptions.signal.addEventListener('abort', () => resolve({ kind: 'aborted' }));
        follows.push(call);
      }),
    readForecast: async () => options.forecast ?? null,
    // No engine here: a forecast asked for never comes.
    startForecast: () => ({ forecast: null, history, jobs: 1, problem: 'no engine in UI tests', ready: Promise.resolve() }),
    lastPhaseLines: async (_docker, _container, cpvs) => new Map(cpvs.filter((c) => options.phaseLines?.[c]).map((c) => [c, options.phaseLines![c]!])),
    copy: (text): CopyResult => {
      copies.push(text);
      return { ok: true, bytes: text.length, multiplexer: 'none' };
    },
    pager: (file): PagerResult => {
      pagers.push(file);
      return { ok: true, argv: ['less', '-R', file], exitCode: 0 };
    },
  };
  const onExit = vi.fn();
  const Result = () => <Text>RESULT SCREEN</Text>;
  const tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <BuildServicesProvider value={effects}>
        <App onExit={onExit} screens={{ build: BuildScreen, result: Result, recipe: () => null }} initialStep={options.initialStep ?? 'build'} />
      </BuildServicesProvider>
    </WorkbenchProvider>,
    { columns: options.columns ?? 80, rows: options.rows ?? 24, theme: options.theme ?? 'default', animate: options.animate ?? false },
  );
  return { tui, store, workbench, builds, follows, copies, pagers, onExit, stateDir, start };
}

/** Press b and wait for the live pane. */
export async function startBuild(h: BuildHarness): Promise<FakeBuild> {
  await h.tui.press('b');
  await h.tui.waitForFrame((f) => f.includes('building'));
  return h.builds.at(-1)!;
}

/** Emit events and wait until the controller's next flush has been drawn. */
export async function emit(h: BuildHarness, build: FakeBuild, events: BuildEvent[], until: (frame: string) => boolean): Promise<string> {
  build.emit(events);
  return h.tui.waitForFrame(until);
}
