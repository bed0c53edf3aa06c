import { describe, expect, it } from 'vitest';
import { mergeIncremental, stackConfigLayers, isIncrementalVariable } from '../../../../src/core/portage/make-conf/make-conf-eval.js';

describe('incremental variables', () => {
  it('stacks -*, -flag and flag the Portage way', () => {
    expect(mergeIncremental(['a b c', '-b d', '-* e', 'f -e'])).toEqual(['f']);
    expect(mergeIncremental(['sandbox usersandbox', '-sandbox -usersandbox buildpkg'])).toEqual(['buildpkg']);
    expect(mergeIncremental(['amd64', '~amd64'])).toEqual(['amd64', '~amd64']);
  });
  it('stacks incremental variables across layers and overrides the rest', () => {
    const merged = stackConfigLayers([
      { USE: 'X ssl', FEATURES: 'sandbox', CFLAGS: '-O2', PYTHON_TARGETS: 'python3_12' },
      { USE: '-X gtk', FEATURES: '-sandbox ccache', CFLAGS: '-O3', PYTHON_TARGETS: 'python3_13' },
    ]);
    expect(merged).toEqual({ USE: 'ssl gtk', FEATURES: 'ccache', CFLAGS: '-O3', PYTHON_TARGETS: 'python3_12 python3_13' });
    expect(isIncrementalVariable('ACCEPT_KEYWORDS')).toBe(true);
    expect(isIncrementalVariable('MAKEOPTS')).toBe(false);
    expect(isIncrementalVariable('MY_EXPAND', ['MY_EXPAND'])).toBe(true);
  });
});
