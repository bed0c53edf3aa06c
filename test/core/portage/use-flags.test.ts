import { describe, expect, it } from 'vitest';
import { checkUseFlagName, splitUseExpandFlag, joinUseExpandFlag, isUseExpandVariable } from '../../../src/core/portage/use-flags.js';

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
  it('splits flags into variable and value, longest prefix first', () => {
    expect(splitUseExpandFlag('python_targets_python3_12')).toEqual({ variable: 'PYTHON_TARGETS', value: 'python3_12' });
    expect(splitUseExpandFlag('python_single_target_python3_12')).toEqual({ variable: 'PYTHON_SINGLE_TARGET', value: 'python3_12' });
    expect(splitUseExpandFlag('nginx_modules_http_gzip')).toEqual({ variable: 'NGINX_MODULES_HTTP', value: 'gzip' });
    expect(splitUseExpandFlag('cpu_flags_x86_sse4_2')).toEqual({ variable: 'CPU_FLAGS_X86', value: 'sse4_2' });
    expect(splitUseExpandFlag('l10n_pt-BR')).toEqual({ variable: 'L10N', value: 'pt-BR' });
    expect(splitUseExpandFlag('llvm_targets_AArch64')).toEqual({ variable: 'LLVM_TARGETS', value: 'AArch64' });
    expect(splitUseExpandFlag('kernel_linux')).toEqual({ variable: 'KERNEL', value: 'linux' });
    expect(splitUseExpandFlag('ssl')).toBeNull();
    expect(splitUseExpandFlag('python_targets_')).toBeNull();
    expect(splitUseExpandFlag('my_var_x', ['MY_VAR'])).toEqual({ variable: 'MY_VAR', value: 'x' });
  });
  it('joins a variable and a value into a flag', () => {
    expect(joinUseExpandFlag('PYTHON_TARGETS', 'python3_12')).toBe('python_targets_python3_12');
    expect(joinUseExpandFlag('ARCH', 'amd64')).toBe('amd64');
  });
  it('knows which variables are USE_EXPAND', () => {
    expect(isUseExpandVariable('VIDEO_CARDS')).toBe(true);
    expect(isUseExpandVariable('CFLAGS')).toBe(false);
  });
});
