// $PAGER from the TUI: argv from $PAGER split on spaces, the terminal handed over and taken back in
// order, a real pager run on a real file, and a missing pager reported with what to do.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openInPager, type PagerTerminal } from '../../../src/ui/terminal/pager.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-pager-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder(): PagerTerminal & { calls: string[] } {
  const calls: string[] = [];
  return { calls, setRawMode: (on) => calls.push(`raw:${on}`), write: (d) => calls.push(`write:${JSON.stringify(d)}`), redraw: () => calls.push('redraw') };
}

/** The argv openInPager runs for `file` under `env` (the spawn only records it). */
function argvRun(file: string, env: Record<string, string>): string[] {
  let ran: string[] = [];
  openInPager(file, recorder(), { env, spawn: (cmd, args) => ((ran = [cmd, ...args]), { status: 0 }) });
  return ran;
}

describe('the pager argv', () => {
  it('splits $PAGER on spaces only and adds the file', () => {
    expect(argvRun('/s/output.log', { PAGER: 'less -R -S' })).toEqual(['less', '-R', '-S', '/s/output.log']);
    expect(argvRun('/s/a b.log', { PAGER: '  most  ' })).toEqual(['most', '/s/a b.log']);
    // No shell: quotes are plain characters.
    expect(argvRun('/f', { PAGER: "less '-R'" })).toEqual(['less', "'-R'", '/f']);
  });
  it('uses less -R when $PAGER is unset or blank', () => {
    expect(argvRun('/f', {})).toEqual(['less', '-R', '/f']);
    expect(argvRun('/f', { PAGER: ' ' })).toEqual(['less', '-R', '/f']);
  });
});

describe('openInPager', () => {
  it('turns raw mode off and leaves the alternate screen before the pager, and restores both and redraws after', () => {
    const term = recorder();
    const result = openInPager('/s/output.log', term, {
      env: { PAGER: 'less -R' },
      spawn: (cmd, args) => {
        term.calls.push(`spawn:${[cmd, ...args].join(' ')}`);
        return { status: 0 };
      },
    });
    expect(result).toEqual({ ok: true, argv: ['less', '-R', '/s/output.log'], exitCode: 0 });
    expect(term.calls).toEqual([
      'raw:false',
      `write:${JSON.stringify('\x1b[?1049l\x1b[?25h')}`,
      'spawn:less -R /s/output.log',
      `write:${JSON.stringify('\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l')}`,
      'raw:true',
      'redraw',
    ]);
  });

  it('runs a real pager program on the file', () => {
    const file = path.join(dir, 'build.log');
    writeFileSync(file, '>>> Emerging (1 of 1) app-misc/hello-2.12.1::gentoo\n');
    const pager = path.join(dir, 'fake-pager');
    writeFileSync(pager, '#!/bin/sh\ncp "$2" "$2.seen"\necho "$1" > "$2.flag"\n');
    chmodSync(pager, 0o755);
    const term = recorder();
    const result = openInPager(file, term, { env: { PAGER: `${pager} -X` } });
    expect(result).toEqual({ ok: true, argv: [pager, '-X', file], exitCode: 0 });
    expect(readFileSync(`${file}.seen`, 'utf8')).toContain('app-misc/hello-2.12.1');
    expect(readFileSync(`${file}.flag`, 'utf8')).toBe('-X\n');
    expect(term.calls.slice(-2)).toEqual(['raw:true', 'redraw']);
  });

  it('says what to do when the pager does not exist, with the terminal taken back', () => {
    const term = recorder();
    const result = openInPager('/f', term, { env: { PAGER: '/nonexistent/pager' } });
    expect(result).toEqual({ ok: false, argv: ['/nonexistent/pager', '/f'], reason: 'could not start the pager "/nonexistent/pager" (not found); set $PAGER to one you have, e.g. PAGER=less or PAGER=more' });
    expect(term.calls.slice(-2)).toEqual(['raw:true', 'redraw']);
  });
});
