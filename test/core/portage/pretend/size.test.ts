import { describe, expect, it } from 'vitest';
import { parseSizeText } from '../../../../src/core/portage/pretend/size.js';

describe('sizes', () => {
  it('accepts grouped and ungrouped numbers only', () => {
    expect(parseSizeText('12,345,678 KiB')).toEqual({ kib: 12345678, unit: 'KiB' });
    expect(parseSizeText("1'234 KiB")).toEqual({ kib: 1234, unit: 'KiB' });
    expect(parseSizeText('1\u202f234 kB')).toEqual({ kib: 1234, unit: 'kB' });
    for (const bad of ['1234,5 KiB', ',123 KiB', '12 MiB', 'KiB', '1,2345 KiB']) expect(parseSizeText(bad), bad).toBeNull();
  });
});
