// Reads the image under inspection in the background with byte progress; a finished inspection is
// remembered (by image ID) so coming back to the step shows it at once. Stale runs are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { InspectedImage } from '../../../engine/inspect/inspect-image.js';
import { transferText } from './format.js';
import type { ResultMemory } from './result-context.js';
import type { ResultServices } from './result-services.js';

export type InspectionState =
  | { status: 'none' }
  | { status: 'loading'; ref: string; progress: string }
  | { status: 'ready'; inspected: InspectedImage }
  | { status: 'failed'; ref: string; message: string };

/** Inspect `ref` whenever it changes (and the engine is there). */
export function useInspection(connection: EngineConnection | null, ref: string | null, services: ResultServices, memory: ResultMemory): InspectionState & { reload: () => void } {
  const remembered = memory.last && ref !== null && (memory.last.inspection.image.id === ref || memory.last.inspection.image.tags.includes(ref)) ? memory.last : null;
  const [state, setState] = useState<InspectionState>(remembered ? { status: 'ready', inspected: remembered } : { status: 'none' });
  const run = useRef(0);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!connection || ref === null) return undefined;
    const mine = ++run.current;
    const known = memory.last;
    if (generation === 0 && known && (known.inspection.image.id === ref || known.inspection.image.tags.includes(ref))) {
      setState({ status: 'ready', inspected: known });
      return undefined;
    }
    const abort = new AbortController();
    const started = performance.now();
    setState({ status: 'loading', ref, progress: '' });
    services
      .inspect(connection, ref, {
        signal: abort.signal,
        onProgress: (p) => {
          if (run.current === mine) setState({ status: 'loading', ref, progress: transferText(p.bytes, p.totalBytes, (performance.now() - started) / 1000) });
        },
      })
      .then(
        (inspected) => {
          if (run.current !== mine) return;
          memory.last = inspected;
          setState({ status: 'ready', inspected });
        },
        (err: unknown) => {
          if (run.current !== mine || abort.signal.aborted) return;
          const e = err as Error & { hint?: string };
          setState({ status: 'failed', ref, message: e.hint ? `${e.message} (${e.hint})` : e.message });
        },
      );
    return () => abort.abort();
  }, [connection, ref, services, memory, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
