import { describe, expect, it } from 'vitest';
import { missedTail } from '../../../src/engine/build/follow-output.js';

const T = (n: number, text: string) => `2026-11-23T05:00:0${n}.000000000Z ${text}\n`;

describe('missedTail: what a follow that ended early did not deliver', () => {
  it('is what comes after the last line the follow gave', () => {
    const seen = T(1, 'a') + T(2, 'b');
    expect(missedTail(seen, T(1, 'a') + T(2, 'b') + T(3, '@@gentoo-wb done'))).toBe(T(3, '@@gentoo-wb done'));
    expect(missedTail(seen, T(2, 'b'))).toBe('');
  });

  it('continues an unfinished line without repeating its start', () => {
    const seen = T(1, 'a') + '2026-11-23T05:00:02.000000000Z half';
    expect(missedTail(seen, T(1, 'a') + T(2, 'half line') + T(3, 'c'))).toBe(` line\n${T(3, 'c')}`);
  });

  it('adds nothing when the last line is not in the tail, and everything when the follow gave nothing', () => {
    expect(missedTail(T(1, 'gone'), T(5, 'x'))).toBe('');
    expect(missedTail('', T(1, 'a'))).toBe(T(1, 'a'));
  });
});
