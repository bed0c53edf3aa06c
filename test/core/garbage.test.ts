// Garbage never throws and never hangs: binary noise, truncated transcripts, a 1 MB single line and
// inputs shaped to trigger regex backtracking go through every parser under a time bound.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  parsePretend, createBuildStreamParser, parseEmergeLog, parseEmergeInfo, parseMakeConf,
  parsePackageFile, parseMetadataXml, parseUseDesc, parseAtom, compareVersions, stripAnsi,
} from '../../src/core/index.js';
import { makeConfText, parseBuildStream } from '../helpers/whole-text.js';
import { rig } from './fixtures.js';

const PARSERS: [string, (text: string) => unknown][] = [
  ['parsePretend', parsePretend],
  ['parseBuildStream', parseBuildStream],
  ['parseEmergeLog', parseEmergeLog],
  ['parseEmergeInfo', parseEmergeInfo],
  ['parseMakeConf', (t) => makeConfText(parseMakeConf(t))],
  ['parsePackageFile', (t) => parsePackageFile('package.use', t)],
  ['parseMetadataXml', parseMetadataXml],
  ['parseUseDesc', parseUseDesc],
  ['parseAtom', parseAtom],
  ['stripAnsi', stripAnsi],
];

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function noise(bytes: number, seed: number): string {
  let x = seed >>> 0 || 1;
  const out: string[] = [];
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(String.fromCharCode((x >>> 0) % 256));
  }
  return out.join('');
}

const ONE_MB = 1 << 20;
const HOSTILE: [string, string][] = [
  ['1 MB of one character', 'a'.repeat(ONE_MB)],
  ['1 MB of digits and spaces', '1 '.repeat(ONE_MB / 2)],
  ['1 MB merge line', `[ebuild  N     ] a/b-1  USE="${'x '.repeat(ONE_MB / 2)}`],
  ['1 MB of escapes', '\x1b['.repeat(ONE_MB / 2)],
  ['1 MB unterminated title', `\x1b]0;${'t'.repeat(ONE_MB)}`],
  ['1 MB of brackets and quotes', '["(<'.repeat(ONE_MB / 4)],
  ['1 MB of tags', '<flag name="'.repeat(ONE_MB / 12)],
  ['1 MB of comments', '<!--'.repeat(ONE_MB / 4)],
  ['1 MB of >>> Jobs', `>>> Jobs: 1 of 2 complete${', 1 running'.repeat(ONE_MB / 11)}`],
  ['1 MB of backspaces and CRs', 'ab\b\r'.repeat(ONE_MB / 4)],
  ['1 MB of sizes', `${'1,'.repeat(ONE_MB / 2)}2 KiB`],
  ['1 MB of $', `A="${'${'.repeat(ONE_MB / 2)}`],
  ['binary noise', noise(ONE_MB, 7)],
];

describe('garbage input', () => {
  for (const [label, text] of HOSTILE) {
    it(`${label}: every parser returns within the time bound`, () => {
      for (const [name, parse] of PARSERS) {
        const input = name === 'parseAtom' ? text.slice(0, 4096) : text;
        const ms = timed(() => parse(input));
        expect(ms, `${name} took ${ms.toFixed(0)} ms`).toBeLessThan(1500);
      }
    });
  }

  it('truncated transcripts (cut at every 211th byte) parse without throwing', () => {
    for (const name of ['17-slot-conflict', '21-build-jobs3-failure', '50-pty-build-jobs3', '33-info', '20-build-jobs3-php-git.emerge.log.full']) {
      const text = rig(name);
      for (let cut = 0; cut < text.length; cut += 211) {
        const part = text.slice(0, cut);
        for (const [, parse] of PARSERS.slice(0, 5)) parse(part);
      }
    }
  });

  it('random printable and control text never throws (property)', () => {
    const alphabet = fc.constantFrom('[', ']', '(', ')', '"', "'", ' ', '\n', '\r', '\x1b', '\b', '>', '*', ':', '=', '/', '-', '#', 'a', '1', '.', ',', '$', '{', '}', '<', '!', '@', '\\');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 300 }).map((a) => a.join('')), (text) => {
      for (const [, parse] of PARSERS) parse(text);
      compareVersions(text, text.slice(1));
    }), { numRuns: 300 });
  });

  it('the streaming parser stays fast on a 1 MB line fed in small chunks', () => {
    const p = createBuildStreamParser();
    const line = `>>> ${'x'.repeat(ONE_MB)}`;
    const ms = timed(() => {
      for (let i = 0; i < line.length; i += 4096) p.push(line.slice(i, i + 4096));
      p.end();
    });
    expect(ms).toBeLessThan(1500);
  });
});
