// The Binaries tab: where binary packages come from (Gentoo's binhost, URLs, served binhosts), what a
// package without one does, and the local cache. Gentoo's x86-64-v3 packages are offered only when the
// host checks saw the engine's CPU run that level.
import React from 'react';
import { Text } from 'ink';
import { useWorkbench } from '../../session/workbench-context.js';
import { binariesRows, binhostHint, withBinhostWord, withoutBinhost } from './binaries-rows.js';
import { fieldProblem } from './field-checks.js';
import { FormTab } from './form-tab.js';
import type { TabProps } from './tab-types.js';

export function BinariesTab(props: TabProps) {
  const { recipe, edit, ask } = props;
  const cpuV3 = useWorkbench((s) => s.cpuV3 ?? null);
  const header = (
    <Text wrap="truncate-end" dimColor>
      {cpuV3 === true ? 'CPU: x86-64-v3 (host checks): gentoo-v3 offered' : cpuV3 === false ? 'CPU: not x86-64-v3 (host checks): gentoo only' : 'CPU level unknown (run the host checks for gentoo-v3)'}
    </Text>
  );
  return (
    <FormTab
      {...props}
      rows={binariesRows(recipe, cpuV3)}
      header={header}
      labelWidth={12}
      footer={['recipe.add', 'recipe.delete']}
      onDelete={(row) => {
        if (!row.id.startsWith('host:')) return false;
        edit(withoutBinhost(recipe, Number(row.id.slice(5))));
        return true;
      }}
      commands={{
        'recipe.add': () =>
          ask({
            label: 'Binhost:',
            initial: '',
            hint: binhostHint(cpuV3),
            validate: (text) => {
              const next = withBinhostWord(recipe, recipe.binaries.hosts.length, text, cpuV3);
              if (!next.ok) return { message: next.problem, offset: 0 };
              return fieldProblem(next.value, `binaries.hosts[${recipe.binaries.hosts.length}]`);
            },
            submit: (text) => {
              const next = withBinhostWord(recipe, recipe.binaries.hosts.length, text, cpuV3);
              if (next.ok) edit(next.value);
            },
          }),
      }}
    />
  );
}
