// Packages: per-package sizes from the package database (the image's /var/db/pkg, or the capture a
// scratch build stored), largest first; s sorts by size, name or files, / filters, Enter details.
import React, { useMemo, useState } from 'react';
import { Box } from 'ink';
import type { Inspection } from '../../../core/inspect/inspection.js';
import type { PackageSize } from '../../../core/inspect/package-sizes.js';
import { HeadedList } from '../../components/list/headed-list.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { useCommands } from '../../keys/key-router.js';
import { packageDetail } from './detail-lines.js';
import { DetailView } from './detail-view.js';
import { SizeRow } from './size-row.js';
import { bytes } from './format.js';
import type { TabProps } from './tab-props.js';

type PackageSort = 'size' | 'name' | 'files';
const SORTS: readonly PackageSort[] = ['size', 'name', 'files'];

const compare: Record<PackageSort, (a: PackageSize, b: PackageSize) => number> = {
  size: (a, b) => b.size - a.size || a.cpv.localeCompare(b.cpv),
  name: (a, b) => a.cpv.localeCompare(b.cpv),
  files: (a, b) => b.files - a.files || a.cpv.localeCompare(b.cpv),
};

export interface PackagesTabProps extends TabProps {
  inspection: Inspection;
}

export function PackagesTab({ inspection, width, height, active, footer }: PackagesTabProps) {
  const [sort, setSort] = useState<PackageSort>('size');
  const [detail, setDetail] = useState<PackageSize | null>(null);
  const p = inspection.packages;
  const items = useMemo(() => [...p.packages].sort(compare[sort]), [p.packages, sort]);
  const list = useList(items, {
    height: Math.max(1, height - 2),
    active: active && detail === null,
    searchText: (pkg) => `${pkg.cpv} ${pkg.use.join(' ')} ${pkg.license ?? ''}`,
    onChoose: (pkg) => setDetail(pkg),
    footer: ['result.sort', ...footer],
  });
  useCommands('screen', { 'result.sort': () => setSort((s) => SORTS[(SORTS.indexOf(s) + 1) % SORTS.length]!) }, { active: active && detail === null, footer: [] });
  if (detail) return <DetailView lines={packageDetail(detail, width)} width={width} height={height} onBack={() => setDetail(null)} />;
  if (p.source === null) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Tone tone="warn" wrap="wrap">No package database: the image has no /var/db/pkg and no build record on this machine holds a capture of it.</Tone>
        <Tone tone="muted" wrap="wrap">Scratch builds store the database they captured before stripping with the build record; images built elsewhere cannot say which package owns which file.</Tone>
      </Box>
    );
  }
  const from = p.source === 'image' ? '/var/db/pkg' : 'the build record';
  const unowned = Math.max(0, inspection.visibleBytes - p.ownedBytes);
  const nameWidth = Math.max(16, width - 2 - 1 - 9 - 1 - 10 - 6);
  return (
    <HeadedList
      height={height}
      headings={[<Tone tone="title" bold>{`${p.packages.length} packages from ${from}: ${bytes(p.ownedBytes)}; ${bytes(unowned)} owned by none · by ${sort} · FILES`}</Tone>]}
      list={list}
      width={width}
      focused={active}
      empty="No packages."
      renderItem={(pkg, ctx) => (
        <SizeRow
          ctx={ctx}
          lead={`${pkg.cpv.length > nameWidth ? `${pkg.cpv.slice(0, nameWidth - 1)}…` : pkg.cpv.padEnd(nameWidth)} ${`${bytes(pkg.size)}${pkg.estimated ? '~' : ''}`.padStart(9)} `}
          share={inspection.size === 0 ? 0 : pkg.size / inspection.size}
          columns={<Tone tone="muted">{` ${String(pkg.files).padStart(5)}`}</Tone>}
        />
      )}
    />
  );
}
