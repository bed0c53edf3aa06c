import { describe, expect, it } from 'vitest';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import {
  cflagsPresetIndex, cycleSetting, flagSetting, withCflagsPreset, withGlobalUse, withKeywords, withModeKind, withoutEmptyPackageUse,
  withoutKeywords, withoutPackage, withPackage, withPackageUseFlag, withSizing,
} from '../../../src/core/recipe/recipe-edit.js';
import { renderPortageFiles } from '../../../src/core/recipe/render-portage-files.js';
import { validateRecipe } from '../../../src/core/recipe/recipe-validate.js';

const base = () => newRecipe({ name: 'x', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] });

describe('flag settings', () => {
  it('cycles unset → on → off → unset', () => {
    expect(cycleSetting('unset')).toBe('on');
    expect(cycleSetting('on')).toBe('off');
    expect(cycleSetting('off')).toBe('unset');
  });

  it('reads the last mention, as Portage does', () => {
    expect(flagSetting(['ssl', '-ssl'], 'ssl')).toBe('off');
    expect(flagSetting(['-X', '+ssl'], 'ssl')).toBe('on');
    expect(flagSetting(['-X'], 'ssl')).toBe('unset');
  });

  it('replaces a mention in place and appends new ones', () => {
    const setFlag = (USE: string, setting: Parameters<typeof withGlobalUse>[2]) => withGlobalUse({ ...base(), makeConf: { USE } }, 'ssl', setting).makeConf.USE;
    expect(setFlag('-X ssl fpm', 'off')).toBe('-X -ssl fpm');
    expect(setFlag('-X', 'on')).toBe('-X ssl');
    expect(setFlag('-X ssl -ssl', 'unset')).toBe('-X');
  });

  it('edits make.conf USE without touching the input, removing the variable when empty', () => {
    const r = base();
    const on = withGlobalUse(r, 'ssl', 'on');
    expect(on.makeConf.USE).toBe('ssl');
    expect(r.makeConf.USE).toBeUndefined();
    const off = withGlobalUse(on, 'X', 'off');
    expect(off.makeConf.USE).toBe('ssl -X');
    expect(withGlobalUse(withGlobalUse(off, 'ssl', 'unset'), 'X', 'unset').makeConf).not.toHaveProperty('USE');
  });

  it('edits package.use entries and drops empty ones on request', () => {
    let r = withPackageUseFlag(base(), 'net-misc/curl', 'http2', 'on');
    r = withPackageUseFlag(r, 'net-misc/curl', 'ipv6', 'off');
    expect(r.packageUse).toEqual([{ atom: 'net-misc/curl', flags: ['http2', '-ipv6'] }]);
    expect(renderPortageFiles(r).find((f) => f.path.endsWith('package.use/gentoo-wb'))?.content).toMatch(/\nnet-misc\/curl http2 -ipv6\n$/);
    r = withPackageUseFlag(withPackageUseFlag(r, 'net-misc/curl', 'http2', 'unset'), 'net-misc/curl', 'ipv6', 'unset');
    expect(validateRecipe(r).map((p) => p.field)).toEqual(['packageUse[0].flags']);
    expect(withoutEmptyPackageUse(r).packageUse).toEqual([]);
  });
});

describe('make.conf, sizing and mode', () => {
  it('knows and applies the CFLAGS presets', () => {
    const r = base();
    expect(cflagsPresetIndex(r)).toBe(0);
    const native = withCflagsPreset(r, '-march=native -O2 -pipe');
    expect(cflagsPresetIndex(native)).toBe(1);
    expect(native.makeConf.CFLAGS).toBe('${COMMON_FLAGS}');
    expect(cflagsPresetIndex({ ...r, makeConf: { COMMON_FLAGS: '-O3' } })).toBe(-1);
    expect(withCflagsPreset({ ...r, makeConf: {} }, '-Os -pipe').makeConf).toEqual({ COMMON_FLAGS: '-Os -pipe', CFLAGS: '${COMMON_FLAGS}', CXXFLAGS: '${COMMON_FLAGS}' });
  });

  it('takes MAKEOPTS and --jobs from a sizing', () => {
    const r = withSizing(base(), { jobs: 2, makeopts: '-j2 -l5', loadAverage: 5 });
    expect(r.makeConf.MAKEOPTS).toBe('-j2 -l5');
    expect(r.jobs).toEqual({ emerge: 2, loadAverage: 5, keepGoing: true });
  });

  it('switches mode with defaults, keeping options of the current mode', () => {
    const scratch = withModeKind(base(), 'scratch');
    expect(scratch.mode).toMatchObject({ kind: 'scratch', unmerge: [], strip: { docs: true, packageDb: true } });
    const same = withModeKind({ ...scratch, mode: { ...scratch.mode, unmerge: ['sys-apps/portage'] } as typeof scratch.mode }, 'scratch');
    expect(same.mode).toMatchObject({ unmerge: ['sys-apps/portage'] });
    expect(withModeKind(base(), 'stage4').mode).toEqual({ kind: 'stage4', march: 'native', optimize: '-O2', passes: 1, allowPtrace: false });
    expect(withModeKind(base(), 'minimal').mode).toEqual({ kind: 'minimal', keepUse: [], locales: ['C.UTF-8 UTF-8'], removeSystem: [] });
  });
});

describe('package lists', () => {
  it('adds without duplicates, replaces and removes', () => {
    let r = withPackage(base(), 'dev-lang/php');
    r = withPackage(r, 'dev-lang/php');
    expect(r.packages).toEqual(['app-misc/hello', 'dev-lang/php']);
    r = withPackage(r, '>=dev-lang/php-8.3', 1);
    expect(r.packages).toEqual(['app-misc/hello', '>=dev-lang/php-8.3']);
    expect(withoutPackage(r, 0).packages).toEqual(['>=dev-lang/php-8.3']);
  });

  it('keeps one keywords entry per atom', () => {
    let r = withKeywords(base(), '=dev-libs/openssl-3.4.0', ['~amd64']);
    r = withKeywords(r, 'dev-lang/php', []);
    r = withKeywords(r, '=dev-libs/openssl-3.4.0', ['**'], 0);
    expect(r.packageAcceptKeywords).toEqual([{ atom: '=dev-libs/openssl-3.4.0', keywords: ['**'] }, { atom: 'dev-lang/php', keywords: [] }]);
    expect(withoutKeywords(r, 0).packageAcceptKeywords).toEqual([{ atom: 'dev-lang/php', keywords: [] }]);
  });
});
