import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failureStartLine, failureTail } from '../../../../src/core/portage/build-stream/failure-start.js';
import { stripAnsi } from '../../../../src/core/portage/terminal-text.js';

const read = (p: string) => readFileSync(p, 'utf8').split('\n');
const RIG = '/work/shared/portage/rig';

describe('failureStartLine', () => {
  it('opens the real Portage 3.0.82 failure on the compiler error, not on the support boilerplate', () => {
    const lines = read('test/fixtures/portage-transcripts/build-failure-brokentool.txt');
    const at = failureStartLine(lines)!;
    expect(stripAnsi(lines[at]!)).toBe("brokentool.c:5:47: error: expected ‘;’ before ‘return’");
    expect(lines.slice(at).join('\n')).toContain('If you need support');
  });

  it.each(readdirSync(RIG).filter((f) => /failure.*build\.log\.txt$|failure\.txt$/.test(f)))('rig transcript %s opens on an error line above the boilerplate', (file) => {
    const lines = read(`${RIG}/${file}`);
    const at = failureStartLine(lines);
    if (at === null) return; // a transcript without a die() line (the stream of another package)
    const support = lines.findIndex((l) => l.includes('If you need support'));
    expect(at).toBeLessThan(support === -1 ? Infinity : support);
    expect(stripAnsi(lines[at]!)).toMatch(/error|Error|ERROR:/);
  });

  it('falls back on the die() line when the phase printed no error line', () => {
    const lines = ['>>> Compiling source in /x ...', 'make: nothing', ' * ERROR: a/b-1::t failed (compile phase):', ' *   emake failed', ' * If you need support, post …'];
    expect(failureStartLine(lines)).toBe(2);
  });

  it('looks only after the failing phase starts (a configure warning with "error" in it is not it)', () => {
    const lines = ['>>> Configuring source in /x ...', 'checking for strerror: yes', 'error: not this one', '>>> Compiling source in /x ...', 'cc -c a.c', 'a.c:1: error: this one', ' * ERROR: a/b-1::t failed (compile phase):'];
    expect(failureStartLine(lines)).toBe(5);
  });

  it('is null for a log without a failure', () => {
    expect(failureStartLine(['>>> Compiling source in /x ...', '>>> Source compiled.'])).toBeNull();
  });
});

describe('failureTail', () => {
  it('reaches back to the first error of the real failure (more than the 30 last lines when needed)', () => {
    const tail = failureTail(readFileSync('test/fixtures/portage-transcripts/build-failure-brokentool.txt', 'utf8'));
    expect(tail[0]).toBe("brokentool.c:5:47: error: expected ‘;’ before ‘return’");
    expect(tail.at(-1)).toMatch(/^ \* S: /);
    expect(tail.length).toBeGreaterThan(30);
  });

  it('keeps the 30 last lines when the error is near the end, and only those without a failure', () => {
    const lines = [...Array.from({ length: 50 }, (_, i) => `line ${i}`), 'x.c:1: error: e', ' * ERROR: a/b-1::t failed (compile phase):'];
    expect(failureTail(lines.join('\n'))).toHaveLength(30);
    expect(failureTail(Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'))).toHaveLength(30);
  });
});
