import { describe, expect, it } from 'vitest';
import { isIncrementalVariable } from '../../../../src/core/portage/make-conf/make-conf-eval.js';

describe('incremental variables', () => {
  it('knows the incremental variables, USE_EXPAND ones included', () => {
    expect(isIncrementalVariable('ACCEPT_KEYWORDS')).toBe(true);
    expect(isIncrementalVariable('USE')).toBe(true);
    expect(isIncrementalVariable('PYTHON_TARGETS')).toBe(true);
    expect(isIncrementalVariable('MAKEOPTS')).toBe(false);
    expect(isIncrementalVariable('CFLAGS')).toBe(false);
    expect(isIncrementalVariable('MY_EXPAND', ['MY_EXPAND'])).toBe(true);
  });
});
