// Choose the image to inspect: build results (role=result) first; `a` shows every local image.
import React, { useEffect, useState } from 'react';
import { Box } from 'ink';
import type { EngineConnection, ImageSummary } from '../../../engine/docker/index.js';
import { ListView } from '../../components/list/list-view.js';
import { SelectionText } from '../../components/list/selection-text.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { bytes, fit } from './format.js';
import type { ResultServices } from './result-services.js';
import { shortId } from '../../../core/format/short-id.js';

export interface ImagePickerProps {
  connection: EngineConnection;
  services: ResultServices;
  width: number;
  height: number;
  onPick: (image: ImageSummary) => void;
  /** Null when there is nothing to go back to. */
  onCancel: (() => void) | null;
}

export function ImagePicker({ connection, services, width, height, onPick, onCancel }: ImagePickerProps) {
  const [scope, setScope] = useState<'results' | 'all'>('results');
  const [images, setImages] = useState<ImageSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setImages(null);
    services.listImages(connection, scope).then(
      (list) => live && setImages(list),
      (err: unknown) => live && setError((err as Error).message),
    );
    return () => {
      live = false;
    };
  }, [connection, services, scope]);
  const list = useList(images ?? [], {
    height: Math.max(1, height - 2),
    searchText: (i) => `${i.tags.join(' ')} ${i.id}`,
    onChoose: (i) => onPick(i),
    footer: ['result.allImages', ...(onCancel ? [{ keys: 'Esc', label: 'back' }] : [])],
  });
  useCommands('screen', { 'result.allImages': () => setScope((s) => (s === 'results' ? 'all' : 'results')), 'app.back': onCancel ?? undefined }, { footer: [] });
  const title = scope === 'results' ? 'Images built by gentoo-wb (a: all local images)' : 'All local images (a: only gentoo-wb results)';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1}>
        <Tone tone="title" bold>{`Inspect which image? ${title}`}</Tone>
      </Box>
      {error ? <Tone tone="fail" wrap="wrap">{`Cannot list images: ${error}`}</Tone> : null}
      {images === null && !error ? <Tone tone="muted">Listing images…</Tone> : null}
      {images !== null ? (
        <ListView
          list={list}
          width={width}
          focused
          empty={scope === 'results' ? 'No gentoo-wb results yet: build one (step 5), or press a for every image.' : 'No local images.'}
          renderItem={(i, ctx) => (
            <SelectionText ctx={ctx} wrap="truncate-end">
              {`${fit(i.tags[0] ?? '<none>', ctx.width - 36).padEnd(ctx.width - 36)} ${shortId(i.id)} ${bytes(i.size).padStart(9)} ${i.created.slice(0, 10)}`}
            </SelectionText>
          )}
        />
      ) : null}
    </Box>
  );
}
