import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions, parseVersion, versionMatches, isValidVersion } from '../../../src/core/portage/version.js';

// Chains in ascending order, each step strictly greater (PMS 3.3 and its examples).
const ASCENDING_CHAINS: string[][] = [
  ['1.0_alpha', '1.0_alpha1', '1.0_beta', '1.0_pre', '1.0_rc', '1.0_rc2', '1.0', '1.0_p1', '1.0_p2'],
  ['1.0', '1.0-r1', '1.0-r2', '1.0-r10', '1.0a', '1.0b', '1.0.1'],
  ['1.01', '1.1', '1.2', '1.10', '1.100'],
  ['1.0_alpha_beta', '1.0_alpha', '1.0_alpha_p1'],
  ['0', '0_p20130115', '0.1', '1'],
  ['9', '12', '20241221', '100000000000000000000'],
  ['1.2.3', '1.2.3.1', '1.2.4'],
  ['13.3.1_p20241220', '14.2.1_p20241221'],
  ['8.2_p13', '8.3'],
  ['3.4.4-r1', '3.4.6'],
  ['2.9.1-r4', '2.13.5'],
  ['5.2_p37', '5.3_p9'],
];

const EQUAL_PAIRS: [string, string][] = [
  ['1.0', '1.00'],
  ['1.010', '1.01'],
  ['1.0-r0', '1.0'],
  ['01', '1'],
  ['1.0_p', '1.0_p0'],
];

describe('compareVersions (PMS algorithm)', () => {
  it('orders the PMS example chains strictly', () => {
    for (const chain of ASCENDING_CHAINS) {
      for (let i = 0; i + 1 < chain.length; i++) {
        const a = chain[i] as string;
        const b = chain[i + 1] as string;
        expect(compareVersions(a, b), `${a} < ${b}`).toBe(-1);
        expect(compareVersions(b, a), `${b} > ${a}`).toBe(1);
      }
    }
  });

  it('treats trailing zeros of leading-zero components and -r0 as equal', () => {
    for (const [a, b] of EQUAL_PAIRS) expect(compareVersions(a, b), `${a} == ${b}`).toBe(0);
  });

  it('sorts mixed input deterministically, invalid strings first', () => {
    const sorted = ['2.0', 'garbage', '1.0_rc1', '1.0'].sort(compareVersions);
    expect(sorted).toEqual(['garbage', '1.0_rc1', '1.0', '2.0']);
  });

  const versionArb = fc.stringMatching(/^\d{1,3}(\.\d{1,3}){0,3}[a-c]?(_(alpha|beta|pre|rc|p)\d{0,2}){0,2}(-r\d{1,2})?$/);

  it('is a total preorder: antisymmetric, transitive and total (property)', () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        expect(isValidVersion(a)).toBe(true);
        const ab = compareVersions(a, b);
        // `-0` is not `0` to toBe: negate only a non-zero result.
        expect(compareVersions(b, a)).toBe(ab === 0 ? 0 : -ab);
        expect(compareVersions(a, a)).toBe(0);
        if (ab <= 0 && compareVersions(b, c) <= 0) expect(compareVersions(a, c)).toBeLessThanOrEqual(0);
        if (ab === 0) expect(compareVersions(a, c)).toBe(compareVersions(b, c));
      }),
      { numRuns: 600 },
    );
  });

  it('orders by revision when everything else is equal (property)', () => {
    fc.assert(
      fc.property(versionArb.filter((v) => !v.includes('-r')), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (v, r1, r2) => {
        expect(compareVersions(`${v}-r${r1}`, `${v}-r${r2}`)).toBe(Math.sign(r1 - r2));
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseVersion', () => {
  it('splits every component', () => {
    expect(parseVersion('1.2.3b_alpha4_pre5_p6-r7')).toEqual({
      text: '1.2.3b_alpha4_pre5_p6-r7',
      numbers: ['1', '2', '3'],
      letter: 'b',
      suffixes: [{ kind: 'alpha', number: '4' }, { kind: 'pre', number: '5' }, { kind: 'p', number: '6' }],
      revision: '7',
    });
  });

  it('rejects what PMS does not allow', () => {
    for (const bad of ['', '1.', '.1', '1..2', '1.0-r', '1.0_gamma', '1.0ab', 'v1.0', '1.0-1', '1_p1.2', '1.0 ']) {
      expect(parseVersion(bad), bad).toBeNull();
    }
  });
});

describe('versionMatches', () => {
  const v = (s: string) => parseVersion(s) ?? (() => { throw new Error(s); })();
  it('implements each operator', () => {
    expect(versionMatches('>=', v('3.0'), v('3.4.0'))).toBe(true);
    expect(versionMatches('<', v('75'), v('74.2'))).toBe(true);
    expect(versionMatches('<', v('75'), v('76.1'))).toBe(false);
    expect(versionMatches('~', v('1.0'), v('1.0-r3'))).toBe(true);
    expect(versionMatches('~', v('1.0'), v('1.0.1'))).toBe(false);
    expect(versionMatches('=', v('8.3'), v('8.3.15'), true)).toBe(true);
    expect(versionMatches('=', v('8.3'), v('8.4'), true)).toBe(false);
    expect(versionMatches('=', v('1.0'), v('1.0-r0'))).toBe(true);
    expect(versionMatches('<=', v('2'), v('2-r1'))).toBe(false);
    expect(versionMatches('>', v('2'), v('2-r1'))).toBe(true);
  });
});
