import { describe, expect, it } from 'vitest';
import { checkUseFlagName, joinUseExpandFlag, isUseExpandVariable } from '../../../src/core/portage/use-flags.js';

describe('USE flag names', () => {
  it('accepts PMS names and explains bad ones with an offset', () => {
    for (const ok of ['ssl', 'X', 'gtk+', 'python_targets_python3_12', 'l10n_en-GB', 'foo@bar', '3dnow']) expect(checkUseFlagName(ok), ok).toBeNull();
    expect(checkUseFlagName('-ssl')).toEqual({ message: "a USE flag must start with a letter or digit, not '-' (the '-' prefix belongs to the entry, not the name)", offset: 0 });
    expect(checkUseFlagName('ss l')).toMatchObject({ offset: 2, message: expect.stringContaining('a space') });
    expect(checkUseFlagName('a.b')).toMatchObject({ offset: 1 });
    expect(checkUseFlagName('')).toMatchObject({ offset: 0 });
  });
});

describe('USE_EXPAND', () => {
  it('joins a variable and a value into a flag', () => {
    expect(joinUseExpandFlag('PYTHON_TARGETS', 'python3_12')).toBe('python_targets_python3_12');
    expect(joinUseExpandFlag('ARCH', 'amd64')).toBe('amd64');
  });
  it('knows which variables are USE_EXPAND', () => {
    expect(isUseExpandVariable('VIDEO_CARDS')).toBe(true);
    expect(isUseExpandVariable('CFLAGS')).toBe(false);
  });
});
