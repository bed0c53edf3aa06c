import { describe, expect, it } from 'vitest';
import { copySentNotice, copyToClipboard } from '../../../src/ui/terminal/osc52.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const ENV = { none: { TERM: 'xterm' }, tmux: { TMUX: '/tmp/tmux-0/default,1,0' }, screen: { STY: '1.pts-0.host' } };

/** What copyToClipboard writes for `text` under a multiplexer. */
function osc52Sequence(text: string, multiplexer: keyof typeof ENV): string {
  const written: string[] = [];
  copyToClipboard(text, { write: (d: string) => written.push(d) }, ENV[multiplexer]);
  return written.join('');
}
/** The multiplexer copyToClipboard reports for an environment. */
function detectMultiplexer(env: Record<string, string>): string | undefined {
  const r = copyToClipboard('x', { write: () => undefined }, env);
  return r.ok ? r.multiplexer : undefined;
}

describe('OSC 52', () => {
  it('writes ESC ] 52 ; c ; base64 BEL for a plain terminal', () => {
    expect(osc52Sequence('modprobe configs\n', 'none')).toBe(`\x1b]52;c;${b64('modprobe configs\n')}\x07`);
  });

  it('wraps for tmux with doubled escapes in a DCS passthrough', () => {
    expect(osc52Sequence('ab', 'tmux')).toBe(`\x1bPtmux;\x1b\x1b]52;c;${b64('ab')}\x07\x1b\\`);
  });

  it('splits for GNU screen into DCS chunks of at most 76 bytes that rejoin to the sequence', () => {
    const text = 'x'.repeat(400);
    const out = osc52Sequence(text, 'screen');
    const chunks = [...out.matchAll(/\x1bP([\s\S]*?)\x1b\\/g)].map((m) => m[1]!);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => c.length <= 76)).toBe(true);
    expect(chunks.join('')).toBe(osc52Sequence(text, 'none'));
  });

  it('detects tmux before screen (tmux also sets TERM=screen)', () => {
    expect(detectMultiplexer({ TMUX: '/tmp/tmux-0/default,123,0', TERM: 'screen-256color' })).toBe('tmux');
    expect(detectMultiplexer({ STY: '123.pts-0.host' })).toBe('screen');
    expect(detectMultiplexer({ TERM: 'xterm-256color' })).toBe('none');
  });

  it('copies through a writer and refuses payloads the terminal would drop', () => {
    const written: string[] = [];
    const out = { write: (d: string) => written.push(d) };
    expect(copyToClipboard('rc-service docker start', out, { TERM: 'xterm' })).toEqual({ ok: true, bytes: 23, multiplexer: 'none' });
    expect(written).toEqual([`\x1b]52;c;${b64('rc-service docker start')}\x07`]);
    const big = copyToClipboard('x'.repeat(80_000), out, {});
    expect(big.ok).toBe(false);
    expect(written).toHaveLength(1);
  });

  it('the notice says what was sent and how to make it arrive, never that it was copied', () => {
    const tmux = copySentNotice('5 lines', 'tmux');
    expect(tmux).toBe('Sent 5 lines as OSC 52 through tmux; if nothing arrived, enable it: tmux set -g allow-passthrough on (and set-clipboard on)');
    for (const m of ['tmux', 'screen', 'none'] as const) expect(copySentNotice('5 lines', m)).not.toMatch(/copied/i);
  });
});
