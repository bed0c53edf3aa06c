// A signal a library sends this process again (when-exit, loaded by conf, answers SIGINT with
// process.kill(process.pid, 'SIGINT')) must not count as a person's second Ctrl-C: dropped while a
// command cleans up, while signals from outside and other kills go through.
import { afterEach, describe, expect, it } from 'vitest';
import { dropSelfSentSignals } from '../../src/commands/output.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('dropSelfSentSignals', () => {
  const seen: string[] = [];
  const onInt = () => seen.push('SIGINT');
  afterEach(() => {
    process.off('SIGINT', onInt);
    seen.length = 0;
  });

  it('drops a self-sent SIGINT/SIGTERM/SIGHUP until restored, then lets them through again', async () => {
    process.on('SIGINT', onInt);
    const restore = dropSelfSentSignals();
    expect(process.kill(process.pid, 'SIGINT')).toBe(true);
    await sleep(100);
    expect(seen).toEqual([]);
    // Signal 0 (is it alive?) and other processes are not touched.
    expect(process.kill(process.pid, 0)).toBe(true);
    expect(() => process.kill(2 ** 22 + 12345, 'SIGTERM')).toThrow(/ESRCH/);
    restore();
    process.kill(process.pid, 'SIGINT');
    await sleep(100);
    expect(seen).toEqual(['SIGINT']);
  });
});
