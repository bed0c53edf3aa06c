// Local images and snapshot candidates, loaded when the engine is ready and on refresh; a failure
// is kept as a message for the screen, never thrown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SnapshotImage } from '../../../engine/base/snapshot-images.js';
import type { EngineConnection, ImageSummary } from '../../../engine/docker/index.js';
import type { BaseServices } from './base-services.js';

export interface LocalImages {
  images: ImageSummary[] | null;
  snapshots: SnapshotImage[] | null;
  loading: boolean;
  error: string | null;
  refresh: () => Promise<void>;
}

/** Load the engine's images (null connection: nothing to load yet). */
export function useLocalImages(services: BaseServices, connection: EngineConnection | null): LocalImages {
  const [images, setImages] = useState<ImageSummary[] | null>(null);
  const [snapshots, setSnapshots] = useState<SnapshotImage[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useRef(0);
  const alive = useRef(true);
  useEffect(() => () => {
    alive.current = false;
  }, []);

  const refresh = useCallback(async () => {
    if (!connection) return;
    const mine = ++run.current;
    setLoading(true);
    try {
      const list = await services.listImages(connection);
      if (!alive.current || mine !== run.current) return;
      setImages(list);
      setError(null);
      const snaps = await services.snapshotImages(connection, list);
      if (!alive.current || mine !== run.current) return;
      setSnapshots(snaps);
    } catch (err) {
      if (!alive.current || mine !== run.current) return;
      const e = err as Error & { hint?: string };
      setError(`${e.message}${e.hint ? ` (${e.hint})` : ''}`);
    } finally {
      if (alive.current && mine === run.current) setLoading(false);
    }
  }, [services, connection]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { images, snapshots, loading, error, refresh };
}
