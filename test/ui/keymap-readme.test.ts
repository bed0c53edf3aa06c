// The README's key table must say what the keymap does: where a key means something else on one
// screen (s sorts on Result), the README says so.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_KEYMAP } from '../../src/ui/app/keymap.js';

const KEYMAP = APP_KEYMAP.bindings;

describe("README's key table", () => {
  it('names every screen where a common key does something else', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| '));
    const common = KEYMAP.filter((b) => ['Global', 'Steps', 'Move', 'Lists', 'Logs'].includes(b.group));
    for (const b of KEYMAP) {
      if (common.includes(b)) continue;
      for (const key of b.keys) {
        const shared = common.find((c) => c.keys.includes(key));
        if (!shared) continue;
        const row = rows.find((r) => r.split('|')[1]!.includes(`\`${key}\``));
        expect(row, `README row for ${key}`).toBeDefined();
        expect(row, `README says ${key} means "${b.label}" on ${b.group}`).toMatch(new RegExp(`${b.group}[^|]*${b.label}|${b.label}[^|]*${b.group}|on ${b.group} \`${key}\` ${b.label}`));
      }
    }
  });
});
