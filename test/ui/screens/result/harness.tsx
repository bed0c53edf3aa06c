// The Result screen inside the real shell and workbench store with scripted services: inspections
// made by the real core, diffs by the real core, tag and export recorded (and held when asked).
import React from 'react';
import { basePrefixView, diffViews, viewOf } from '../../../../src/core/inspect/diff.js';
import type { EngineConnection, ImageSummary } from '../../../../src/engine/docker/index.js';
import { EngineError } from '../../../../src/engine/docker/errors.js';
import type { InspectedImage } from '../../../../src/engine/inspect/inspect-image.js';
import { App } from '../../../../src/ui/app/app.js';
import { ResultServicesProvider } from '../../../../src/ui/screens/result/result-context.js';
import { ResultScreen } from '../../../../src/ui/screens/result/result-screen.js';
import type { ExportOutcome, ExportRequest, Progress, ResultServices } from '../../../../src/ui/screens/result/result-services.js';
import { WorkbenchProvider } from '../../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore, type WorkbenchStore } from '../../../../src/ui/session/workbench-store.js';
import { fakeServices, fakeWorkbench } from '../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';

export const CONNECTION = { endpoint: { host: 'unix:///fake.sock' } } as unknown as EngineConnection;

export interface Held<T> {
  progress(p: Progress): void;
  step(label: string): void;
  finish(value: T): void;
  fail(err: Error): void;
  signal: AbortSignal;
}

export interface Harness {
  tui: Tui;
  store: WorkbenchStore;
  inspected: string[];
  tags: { id: string; tag: string }[];
  exports: { id: string; request: ExportRequest }[];
  held: Held<InspectedImage | ExportOutcome>[];
}

export interface HarnessOptions {
  images: Record<string, InspectedImage>;
  lastImage?: string | null;
  /** Previous build by image ID. */
  previous?: Record<string, string>;
  /** Refs whose inspection waits for the test. */
  holdInspect?: string[];
  holdExport?: boolean;
  columns?: number;
  rows?: number;
  unicode?: boolean;
  theme?: string;
}

function summaryOf(i: InspectedImage): ImageSummary {
  return { id: i.inspection.image.id, tags: i.inspection.image.tags, digests: [], size: i.inspection.size, created: '2026-01-02T00:00:00.000Z', labels: { 'org.gentoo-wb.role': i.build ? 'result' : 'imported' } };
}

/** Open the shell on the Result step with scripted services. */
export async function openResult(options: HarnessOptions): Promise<Harness> {
  const store = createWorkbenchStore({ engine: { status: 'ready', connection: CONNECTION } });
  const last = options.lastImage === undefined ? Object.keys(options.images)[0] ?? null : options.lastImage;
  if (last) store.update((s) => ({ ...s, lastImage: { id: last, tags: options.images[last]?.inspection.image.tags ?? [] } }));
  const h: Harness = { tui: undefined as unknown as Tui, store, inspected: [], tags: [], exports: [], held: [] };
  const find = (ref: string) => Object.values(options.images).find((i) => i.inspection.image.id === ref || i.inspection.image.tags.includes(ref));
  const hold = <T,>(signal: AbortSignal, onProgress: (p: Progress) => void, onStep: (l: string) => void) =>
    new Promise<T>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new EngineError('aborted', 'cancelled', 'try again')));
      h.held.push({ progress: onProgress, step: onStep, finish: resolve as (v: unknown) => void, fail: reject, signal } as Held<InspectedImage | ExportOutcome>);
    });
  const services: ResultServices = {
    async listImages(_c, scope) {
      const all = Object.values(options.images).map(summaryOf);
      return scope === 'results' ? all.filter((i) => i.labels['org.gentoo-wb.role'] === 'result') : all;
    },
    async inspect(_c, ref, o) {
      h.inspected.push(ref);
      if (options.holdInspect?.includes(ref)) return hold<InspectedImage>(o.signal, o.onProgress, () => undefined);
      const found = find(ref);
      if (!found) throw new EngineError('image-not-found', `no such image: ${ref}`, 'check the name with gentoo-wb images');
      return found;
    },
    async diff(_c, current, target) {
      const ins = current.inspection;
      if (target.kind === 'base') {
        const prefix = basePrefixView(ins);
        if (!prefix) throw new Error('this image shares no layer with its base');
        return diffViews(prefix, viewOf(ins, 'this'));
      }
      const otherId = target.kind === 'previous' ? options.previous?.[ins.image.id] : target.ref;
      const other = otherId ? find(otherId) : undefined;
      if (!other) throw new Error(target.kind === 'previous' ? 'no earlier build of this recipe is on the engine' : `no such image ${otherId ?? ''}`);
      return diffViews(viewOf(other.inspection, target.kind === 'previous' ? 'previous build' : other.inspection.image.tags[0] ?? ''), viewOf(ins, 'this'));
    },
    async tag(_c, id, tag) {
      h.tags.push({ id, tag });
    },
    async exportImage(_c, id, request, o) {
      h.exports.push({ id, request });
      if (options.holdExport) return hold<ExportOutcome>(o.signal, o.onProgress, o.onStep);
      return { file: request.output, fileBytes: 1_234_567, layers: 3, extras: [] };
    },
  };
  const workbench = fakeWorkbench(fakeServices({ connection: CONNECTION }), store);
  h.tui = await renderTui(
    <WorkbenchProvider value={workbench}>
      <ResultServicesProvider services={services}>
        <App onExit={() => {}} screens={{ build: () => null, result: ResultScreen }} initialStep="result" />
      </ResultServicesProvider>
    </WorkbenchProvider>,
    { columns: options.columns ?? 80, rows: options.rows ?? 24, unicode: options.unicode ?? true, theme: options.theme ?? 'default' },
  );
  return h;
}
