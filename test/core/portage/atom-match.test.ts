import { describe, expect, it } from 'vitest';
import { atomMatches } from '../../../src/core/portage/atom-match.js';
import { parsePackageAtom } from '../../../src/core/portage/atom-parser.js';

function matches(atom: string, cpv: string, extra: { slot?: string; subslot?: string; repo?: string } = {}): boolean {
  const r = parsePackageAtom(atom);
  if (!r.ok) throw new Error(r.error.message);
  return atomMatches(r.atom, { cpv, ...extra });
}

describe('atomMatches', () => {
  it('compares category, name and version by operator', () => {
    expect(matches('dev-lang/php', 'dev-lang/php-8.3.15')).toBe(true);
    expect(matches('dev-lang/php', 'dev-lang/php-fpm-1')).toBe(false);
    expect(matches('>=net-misc/curl-8.11.1', 'net-misc/curl-8.11.1')).toBe(true);
    expect(matches('>=net-misc/curl-8.11.1', 'net-misc/curl-8.9')).toBe(false);
    expect(matches('=dev-lang/php-8.3*', 'dev-lang/php-8.3.15')).toBe(true);
    expect(matches('~dev-libs/foo-1.0', 'dev-libs/foo-1.0-r5')).toBe(true);
    expect(matches('<dev-libs/icu-75', 'dev-libs/icu-76.1')).toBe(false);
  });
  it('checks slot, sub-slot and repository only when both sides know them', () => {
    expect(matches('dev-lang/php:8.3', 'dev-lang/php-8.3.15', { slot: '8.3' })).toBe(true);
    expect(matches('dev-lang/php:8.2', 'dev-lang/php-8.3.15', { slot: '8.3' })).toBe(false);
    expect(matches('dev-lang/php:8.2', 'dev-lang/php-8.3.15')).toBe(true);
    expect(matches('dev-libs/icu:0/76.1', 'dev-libs/icu-76.1', { slot: '0', subslot: '74.2' })).toBe(false);
    expect(matches('dev-libs/icu::gentoo', 'dev-libs/icu-76.1', { repo: 'musl' })).toBe(false);
    expect(matches('dev-libs/icu::gentoo', 'dev-libs/icu-76.1', { repo: 'gentoo' })).toBe(true);
  });
});
