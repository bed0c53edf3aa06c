import { describe, expect, it } from 'vitest';
import { pretendVerdict, verdictLine } from '../../../src/core/pretend/verdict.js';
import { parsePretend } from '../../../src/core/portage/pretend/pretend-parser.js';
import { rig } from '../fixtures.js';

function verdict(name: string, exitCode: number) {
  const text = rig(name);
  return pretendVerdict(parsePretend(text), text, exitCode);
}

describe('pretendVerdict', () => {
  it('a clean list is mergeable with its package count (01, exit 0)', () => {
    const v = verdict('01-pretend-verbose-php', 0);
    expect(v).toEqual({ kind: 'mergeable', packages: 6, warnings: [] });
    expect(verdictLine(v)).toBe('Portage accepts the list: 6 packages to merge');
  });

  it('autounmask proposals mean "needs changes" (14, 11: exit 1)', () => {
    const v = verdict('14-use-change-needed', 1);
    expect(v.kind).toBe('needs-changes');
    expect(verdictLine(v)).toBe('Portage needs 1 configuration change first (apply them to the recipe)');
    expect(verdict('11-keyword-autounmask', 1).kind).toBe('needs-changes');
  });

  it('blockers, conflicts and missing packages are refusals with the reason in words (16, 17, 18)', () => {
    expect(verdictLine(verdict('16-blocker-hard', 1))).toBe('Portage refuses: dev-libs/libressl blocks dev-libs/openssl: both cannot be installed; remove one of them from the recipe');
    const slot = verdict('17-slot-conflict', 1);
    expect(slot.kind === 'refused' && slot.reason.startsWith('Slot conflict: dev-libs/icu:0')).toBe(true);
    expect(verdictLine(verdict('18-no-ebuilds', 1))).toBe("Portage refuses: No package matches app-misc/doesnotexist: correct or remove app-misc/doesnotexist in the recipe's packages");
  });

  it('a satisfied soft blocker still merges; missing fetch-restricted files with exit 0 are downloads to make first (16-soft, 13-fetch)', () => {
    expect(verdict('16-blocker-soft-resolved', 0)).toMatchObject({ kind: 'mergeable', packages: 1 });
    const fetch = verdict('13-fetch-restricted-pretend', 0);
    expect(fetch.kind).toBe('needs-downloads');
    expect(fetch.kind === 'needs-downloads' && fetch.downloads[0]?.kind).toBe('fetch-restricted');
    expect(verdictLine(fetch)).toBe('Files to download by hand first: app-misc/proprietary-tool-1.0 (fetch-restricted)');
  });

  it('an emerge crash with no problem Portage explained is refused with its last lines', () => {
    const v = pretendVerdict(parsePretend('!!! stand-in emerge failed: Error: boom\n    at main (emerge.mjs:1)\n'), '', 1);
    expect(v.kind).toBe('refused');
    expect(v.kind === 'refused' && v.reason).toContain('emerge exited with status 1: !!! stand-in emerge failed: Error: boom');
  });

  it('nothing to merge is its own verdict', () => {
    const v = pretendVerdict(parsePretend('\nCalculating dependencies... done!\n\nNothing to merge; quitting.\n'), '', 0);
    expect(v.kind).toBe('nothing-to-merge');
  });
});
