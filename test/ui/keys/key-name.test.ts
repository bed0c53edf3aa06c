import { describe, expect, it } from 'vitest';
import { keyLabel, keyName } from '../../../src/ui/keys/key-name.js';

const none = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageUp: false, pageDown: false, home: false,
  end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
};

describe('keyName', () => {
  it.each([
    ['q', {}, 'q'],
    ['G', { shift: true }, 'G'],
    ['c', { ctrl: true }, 'ctrl+c'],
    ['', { tab: true }, 'tab'],
    ['', { tab: true, shift: true }, 'shift+tab'],
    ['', { downArrow: true }, 'down'],
    ['', { pageDown: true }, 'pagedown'],
    ['', { return: true }, 'enter'],
    ['', { escape: true, meta: true }, 'escape'],
    ['', { delete: true }, 'backspace'],
    [' ', {}, 'space'],
    ['paste', {}, null],
  ] as const)('%j with %j is %j', (input, flags, expected) => {
    expect(keyName(input, { ...none, ...flags })).toBe(expected);
  });

  it('labels keys for the footer', () => {
    expect(keyLabel('ctrl+c')).toBe('^C');
    expect(keyLabel('pagedown')).toBe('PgDn');
    expect(keyLabel('/')).toBe('/');
  });
});
