// The Build step while it shows the farm: the setup, the farm's table, or one of its builds.
import React, { useState } from 'react';
import { useContentSize } from '../../../layout/content-size.js';
import { FarmBuildView } from './farm-build-view.js';
import { FarmSetup } from './farm-setup.js';
import { FarmView } from './farm-view.js';
import type { FarmHandle } from './use-farm.js';

export function FarmScreen({ farm }: { farm: FarmHandle }) {
  const { width, height } = useContentSize();
  const { controller, state, shown } = farm;
  const [open, setOpen] = useState<number | null>(null);
  if (shown === 'setup' || state === null) return <FarmSetup controller={controller} width={width} height={height} />;
  const row = open === null ? null : state.rows[open];
  const ring = open === null ? null : controller.ring(open);
  if (row && ring) return <FarmBuildView row={row} ring={ring} width={width} height={height} onBack={() => setOpen(null)} />;
  return <FarmView controller={controller} state={state} width={width} height={height} onOpen={setOpen} />;
}
