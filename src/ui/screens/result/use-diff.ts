// The Diff tab's comparison: started when the tab is shown (against the base when the image shares
// layers with it, else the previous build), again whenever `d` picks another target.
import { useEffect, useRef, useState } from 'react';
import type { EngineConnection } from '../../../engine/docker/index.js';
import type { InspectedImage } from '../../../engine/inspect/inspect-image.js';
import type { DiffState } from './diff-tab.js';
import { transferText } from './format.js';
import type { DiffTarget, ResultServices } from './result-services.js';

/** The target to start with: the base when its layers are shared, else the previous build. */
function defaultDiffTarget(inspected: InspectedImage): DiffTarget {
  return (inspected.inspection.base?.layers ?? 0) > 0 || !inspected.build ? { kind: 'base' } : { kind: 'previous' };
}

/** The next target `d` moves to. */
export function nextDiffTarget(t: DiffTarget | null): 'base' | 'previous' | 'pick' {
  if (t === null || t.kind === 'image') return 'base';
  return t.kind === 'base' ? 'previous' : 'pick';
}

export function useDiff(connection: EngineConnection | null, inspected: InspectedImage | null, wanted: boolean, services: ResultServices) {
  const [target, setTarget] = useState<DiffTarget | null>(null);
  const [state, setState] = useState<DiffState>({ status: 'idle' });
  const run = useRef(0);
  const imageId = inspected?.inspection.image.id ?? null;

  useEffect(() => {
    setTarget(null);
    setState({ status: 'idle' });
  }, [imageId]);

  useEffect(() => {
    if (wanted && inspected && target === null) setTarget(defaultDiffTarget(inspected));
  }, [wanted, inspected, target]);

  useEffect(() => {
    if (!connection || !inspected || target === null) return undefined;
    const mine = ++run.current;
    const abort = new AbortController();
    const started = performance.now();
    setState({ status: 'running', target, progress: '' });
    services
      .diff(connection, inspected, target, {
        signal: abort.signal,
        onProgress: (p) => {
          if (run.current === mine) setState({ status: 'running', target, progress: `reading: ${transferText(p.bytes, p.totalBytes, (performance.now() - started) / 1000)}` });
        },
      })
      .then(
        (diff) => run.current === mine && setState({ status: 'done', target, diff }),
        (err: unknown) => run.current === mine && !abort.signal.aborted && setState({ status: 'failed', target, message: (err as Error).message }),
      );
    return () => abort.abort();
  }, [connection, inspected, target, services]);

  return { target, setTarget, state };
}
