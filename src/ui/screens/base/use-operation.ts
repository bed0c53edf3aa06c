// One long engine operation at a time on the Base screen — a pull or an import — with progress
// folded in at most ten times a second, Esc to cancel, and the failure kept for the detail pane.
import { useCallback, useEffect, useRef, useState } from 'react';
import { PullProgress, type EngineConnection, type ImportResult, type LayerPhase } from '../../../engine/docker/index.js';
import type { BaseServices } from './base-services.js';

export interface LayerRow {
  id: string;
  phase: LayerPhase;
  downloaded: number;
  size: number | null;
}

export type Operation =
  | { kind: 'pull'; ref: string; layers: LayerRow[]; status: string | null; downloaded: number; total: number | null; done: number }
  | { kind: 'import'; file: string; tag: string; bytes: number; total: number | null };

export interface OperationFailure {
  what: string;
  message: string;
  hint: string | null;
}

export interface Operations {
  current: Operation | null;
  failure: OperationFailure | null;
  /** Resolves to null when pulled, else the failure (also kept in `failure`). */
  pull(connection: EngineConnection, ref: string): Promise<OperationFailure | null>;
  importTarball(connection: EngineConnection, file: string, tag: string): Promise<ImportResult | null>;
  cancel(): void;
  clearFailure(): void;
}

const FLUSH_MS = 100;

function failureOf(what: string, err: unknown): OperationFailure {
  const e = err as Error & { hint?: unknown };
  return { what, message: e.message, hint: typeof e.hint === 'string' ? e.hint : null };
}

/** Pull and import with live progress for the screen. */
export function useOperation(services: BaseServices): Operations {
  const [current, setCurrent] = useState<Operation | null>(null);
  const [failure, setFailure] = useState<OperationFailure | null>(null);
  const abort = useRef<AbortController | null>(null);
  const alive = useRef(true);
  useEffect(() => () => {
    alive.current = false;
    abort.current?.abort();
  }, []);

  const begin = () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setFailure(null);
    return controller;
  };

  const pull = useCallback(async (connection: EngineConnection, ref: string) => {
    const controller = begin();
    const progress = new PullProgress();
    let status: string | null = null;
    let timer: NodeJS.Timeout | null = null;
    const publish = () => {
      timer = null;
      if (!alive.current || controller.signal.aborted) return;
      const totals = progress.totals();
      const layers = [...progress.layers].map(([id, l]) => ({ id, phase: l.phase, downloaded: l.downloaded, size: l.size }));
      setCurrent({ kind: 'pull', ref, layers, status, downloaded: totals.downloaded, total: totals.total, done: totals.done });
    };
    publish();
    try {
      await services.pull(connection, ref, {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.kind === 'status') status = event.message;
          progress.apply(event);
          timer ??= setTimeout(publish, FLUSH_MS);
        },
      });
      return null;
    } catch (err) {
      const failed = controller.signal.aborted ? { what: `pull ${ref}`, message: 'cancelled', hint: null } : failureOf(`pull ${ref}`, err);
      if (alive.current) setFailure(failed);
      return failed;
    } finally {
      if (timer) clearTimeout(timer);
      if (alive.current && abort.current === controller) setCurrent(null);
    }
  }, [services]);

  const importTarball = useCallback(async (connection: EngineConnection, file: string, tag: string) => {
    const controller = begin();
    setCurrent({ kind: 'import', file, tag, bytes: 0, total: null });
    try {
      return await services.importTarball(connection, file, tag, {
        signal: controller.signal,
        onProgress: (p) => {
          if (alive.current && !controller.signal.aborted) setCurrent({ kind: 'import', file, tag, bytes: p.bytes, total: p.totalBytes });
        },
      });
    } catch (err) {
      if (alive.current) setFailure(controller.signal.aborted ? { what: `import ${file}`, message: 'cancelled', hint: null } : failureOf(`import ${file}`, err));
      return null;
    } finally {
      if (alive.current && abort.current === controller) setCurrent(null);
    }
  }, [services]);

  return {
    current,
    failure,
    pull,
    importTarball,
    cancel: () => abort.current?.abort(),
    clearFailure: () => setFailure(null),
  };
}
