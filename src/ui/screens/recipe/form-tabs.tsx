// The three form tabs: make.conf (with the CFLAGS presets and the host sizing), Mode and Image.
import React from 'react';
import { Text } from 'ink';
import { CFLAGS_PRESETS } from '../../../core/recipe/new-recipe.js';
import { cflagsPresetIndex, withCflagsPreset, withMakeConfVar, withSizing } from '../../../core/recipe/recipe-edit.js';
import { useWorkbench } from '../../session/workbench-context.js';
import { fieldProblem } from './field-checks.js';
import { FormTab } from './form-tab.js';
import { imageRows } from './image-rows.js';
import { makeConfRows } from './make-conf-rows.js';
import { modeRows } from './mode-rows.js';
import type { TabProps } from './tab-types.js';
import type { SizingRecommendation } from '../../../core/host/sizing.js';

export interface MakeConfTabProps extends TabProps {
  /** The sizing to offer: the session engine's (host checks, or the engine picked on Base), else this machine's. */
  sizing: SizingRecommendation;
}

const VAR_LINE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

export function MakeConfTab(props: MakeConfTabProps) {
  const { recipe, edit, ask, notify, sizing } = props;
  const fromChecks = useWorkbench((s) => s.sizing !== null);
  const engineName = useWorkbench((s) => s.engine.name);
  const preset = cflagsPresetIndex(recipe);
  const header = (
    <Text wrap="truncate-end" dimColor>
      {`r applies: MAKEOPTS="${sizing.makeopts}" --jobs=${sizing.emergeJobs} --load-average=${sizing.loadAverage} (${engineName !== undefined && fromChecks ? `engine ${engineName}` : fromChecks ? 'host checks' : 'this machine'})`}
    </Text>
  );
  return (
    <FormTab
      {...props}
      rows={makeConfRows(recipe)}
      header={header}
      footer={['recipe.add', 'recipe.delete', 'recipe.preset', 'recipe.sizing']}
      onDelete={(row) => {
        if (!row.id.startsWith('var:')) return false;
        edit(withMakeConfVar(recipe, row.id.slice(4), null));
        return true;
      }}
      commands={{
        'recipe.preset': () => {
          const next = CFLAGS_PRESETS[(preset + 1) % CFLAGS_PRESETS.length]!;
          edit(withCflagsPreset(recipe, next));
          notify(`COMMON_FLAGS="${next}"`, 'info');
        },
        'recipe.sizing': () => {
          edit(withSizing(recipe, { jobs: sizing.emergeJobs, makeopts: sizing.makeopts, loadAverage: sizing.loadAverage }));
          notify(`MAKEOPTS="${sizing.makeopts}", emerge --jobs=${sizing.emergeJobs} --load-average=${sizing.loadAverage}`, 'info');
        },
        'recipe.add': () =>
          ask({
            label: 'Variable:',
            initial: '',
            hint: 'NAME=value, e.g. ACCEPT_LICENSE=* or EMERGE_DEFAULT_OPTS=--quiet-build',
            validate: (text) => {
              const m = VAR_LINE.exec(text.trim());
              if (!m) return { message: 'write NAME=value (NAME: letters, digits, _)', offset: 0 };
              return fieldProblem(withMakeConfVar(recipe, m[1]!, m[2]!), `makeConf.${m[1]}`);
            },
            submit: (text) => {
              const m = VAR_LINE.exec(text.trim());
              if (m) edit(withMakeConfVar(recipe, m[1]!, m[2]!));
            },
          }),
      }}
    />
  );
}

export function ModeTab(props: TabProps) {
  return <FormTab {...props} rows={modeRows(props.recipe)} />;
}

export function ImageTab(props: TabProps) {
  return <FormTab {...props} rows={imageRows(props.recipe)} labelWidth={12} />;
}
