// Layers: one row per layer (size, share bar, files added/changed/removed, what made it); s sorts by
// position or size, Enter opens the layer's detail.
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { sanitizeText } from '../../../core/format/sanitize.js';
import type { Inspection, LayerRow } from '../../../core/inspect/inspection.js';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { layerDetail } from './detail-lines.js';
import { DetailView } from './detail-view.js';
import { SizeRow } from './size-row.js';
import { bytes } from './format.js';
import type { TabProps } from './tab-props.js';

type LayerSort = 'position' | 'size';

export interface LayersTabProps extends TabProps {
  inspection: Inspection;
}

function createdBy(text: string): string {
  // History text holds the image's own LABEL/ENV values: an escape sequence there is shown, not sent.
  return sanitizeText(text.replace(/\s+/g, ' ')).replace(/^\/bin\/sh -c (#\(nop\) )?/, '').trim() || '(not recorded)';
}

export function LayersTab({ inspection, width, height, active, footer }: LayersTabProps) {
  const [sort, setSort] = useState<LayerSort>('position');
  const [detail, setDetail] = useState<LayerRow | null>(null);
  const items = useMemo(() => (sort === 'size' ? [...inspection.layers].sort((a, b) => b.size - a.size || a.index - b.index) : inspection.layers), [inspection.layers, sort]);
  const list = useList(items, {
    height: Math.max(1, height - 2),
    active: active && detail === null,
    searchText: (l) => `${l.index + 1} ${l.createdBy}`,
    onChoose: (l) => setDetail(l),
    footer: ['result.sort', ...footer],
  });
  useCommands('screen', { 'result.sort': () => setSort((s) => (s === 'position' ? 'size' : 'position')) }, { active: active && detail === null, footer: [] });
  if (detail) return <DetailView lines={layerDetail(detail, inspection.source[detail.index], width)} width={width} height={height} onBack={() => setDetail(null)} />;
  const total = inspection.size;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box height={1}>
        <Tone tone="title" bold>{`  #     SIZE ${'SHARE'.padEnd(10)}  +ADD  ~CHG  -DEL  CREATED BY (sorted by ${sort}; * = base)`}</Tone>
      </Box>
      <ListView
        list={list}
        width={width}
        focused={active}
        renderItem={(l, ctx) => (
          <SizeRow
            ctx={ctx}
            lead={`${`${l.index + 1}${l.base ? '*' : ' '}`.padStart(4)} ${bytes(l.size).padStart(8)} `}
            share={total === 0 ? 0 : l.size / total}
            columns={<Text>{` ${String(l.added).padStart(5)} ${String(l.modified).padStart(5)} ${String(l.removed).padStart(5)}  `}</Text>}
          >
            <Box flexGrow={1} flexShrink={1} overflow="hidden">
              <Text wrap="truncate-end">{createdBy(l.createdBy)}</Text>
            </Box>
          </SizeRow>
        )}
      />
    </Box>
  );
}
