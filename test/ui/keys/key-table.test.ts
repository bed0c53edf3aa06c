// Key tables are written as `id: [keys, label, help]` rows; the bindings they make are what the keymap,
// the footer and the help overlay read.
import { describe, expect, it } from 'vitest';
import { keyTable } from '../../../src/ui/keys/key-binding.js';

describe('keyTable', () => {
  it('makes one binding a row, in row order, each in the table\'s group, with its space-separated keys', () => {
    const table = keyTable('Result', {
      'result.expand': ['right l', 'expand', 'open the directory'],
      'result.tag': ['t', 'tag', 'tag the image'],
    });
    expect(table).toEqual([
      { id: 'result.expand', keys: ['right', 'l'], label: 'expand', help: 'open the directory', group: 'Result' },
      { id: 'result.tag', keys: ['t'], label: 'tag', help: 'tag the image', group: 'Result' },
    ]);
  });
});
