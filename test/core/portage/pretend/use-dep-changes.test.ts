// "there are no ebuilds built with USE flags to satisfy" read as the USE change it is, on real
// Portage 3.0.82 output (test/fixtures/portage-transcripts/*.txt, how each was made in *.cmd).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePretend } from '../../../../src/core/portage/pretend/pretend-parser.js';
import type { PretendProblem } from '../../../../src/core/portage/pretend/pretend-types.js';

const transcript = (name: string) => readFileSync(new URL(`../../../fixtures/portage-transcripts/${name}.txt`, import.meta.url), 'utf8');

function noEbuilds(problems: PretendProblem[]): Extract<PretendProblem, { kind: 'no-ebuilds' }> {
  const p = problems.find((x) => x.kind === 'no-ebuilds');
  if (!p || p.kind !== 'no-ebuilds') throw new Error('no no-ebuilds problem');
  return p;
}

describe('USE changes from "there are no ebuilds built with USE flags" (real Portage 3.0.82)', () => {
  it('a dependency\'s USE dep (--binpkg-respect-use=y) becomes the package.use change autounmask prints without it', () => {
    const r = parsePretend(transcript('pretend-respect-use-dep-change'));
    const p = noEbuilds(r.problems);
    expect(p).toMatchObject({
      atom: 'net-misc/curl[http2]', useDeps: true,
      candidates: [{ cpv: 'net-misc/curl-8.11.1', repo: 'gentoo', useChanges: ['http2'], missingIuse: [], violation: null }],
      requiredBy: [{ parent: 'net-misc/hurl-6.0::gentoo', type: 'ebuild' }, { parent: 'net-misc/hurl', type: 'argument' }],
    });
    expect(r.changes).toEqual([{
      kind: 'use', line: '>=net-misc/curl-8.11.1 http2', atom: '>=net-misc/curl-8.11.1', values: ['http2'],
      requiredBy: ['net-misc/hurl-6.0::gentoo', 'net-misc/hurl (argument)'], comments: [], file: 'package.use',
    }]);
    // The same request, as Portage prints it when pretend leaves --binpkg-respect-use=y out.
    const normal = parsePretend(transcript('pretend-use-change-dep'));
    expect(normal.problems).toEqual([]);
    expect(r.changes).toEqual(normal.changes);
  });

  it('reads the coloured form the same way', () => {
    const plain = parsePretend(transcript('pretend-respect-use-dep-change'));
    const colour = parsePretend(transcript('pretend-respect-use-dep-change-colour'));
    expect(colour.changes).toEqual(plain.changes);
    expect(noEbuilds(colour.problems).requiredBy).toEqual(noEbuilds(plain.problems).requiredBy);
  });

  it('the recipe\'s own atom with a USE dep: a change with no dependency chain', () => {
    const r = parsePretend(transcript('pretend-respect-use-argument-change'));
    expect(noEbuilds(r.problems).requiredBy).toEqual([]);
    expect(r.changes.map((c) => c.line)).toEqual(['>=net-misc/curl-8.11.1 http2']);
    expect(r.changes.map((c) => c.line)).toEqual(parsePretend(transcript('pretend-use-change-dep')).changes.map((c) => c.line));
  });

  it('Missing IUSE is no change: no USE setting gives a package a flag it lacks', () => {
    const r = parsePretend(transcript('pretend-missing-iuse'));
    expect(noEbuilds(r.problems).candidates).toEqual([{ cpv: 'net-misc/curl-8.11.1', repo: 'gentoo', useChanges: [], missingIuse: ['quic'], violation: null }]);
    expect(r.changes).toEqual([]);
  });

  it('a change that breaks REQUIRED_USE keeps Portage\'s warning, and is the change autounmask proposes', () => {
    const r = parsePretend(transcript('pretend-respect-use-violates-required-use'));
    const c = noEbuilds(r.problems).candidates[0];
    expect(c?.useChanges).toEqual(['gnutls']);
    expect(c?.violation).toBe("this change violates use flag constraints defined by net-misc/wget-1.25.0: 'gnutls? ( ssl )'");
    expect(r.changes.map((x) => x.line)).toEqual(['>=net-misc/wget-1.25.0 gnutls']);
    expect(r.changes[0]?.comments).toEqual([`# ${c?.violation}`]);
    const normal = parsePretend(transcript('pretend-use-change-required-use'));
    expect(normal.changes.map((x) => x.line)).toEqual(['>=net-misc/wget-1.25.0 gnutls']);
    expect(normal.problems.map((p) => p.kind)).toEqual(['required-use']);
  });

  it('"(Change USE: …)" after a plain "there are no ebuilds to satisfy" is read too; -flags stay as written', () => {
    const text = [
      'emerge: there are no ebuilds to satisfy "net-misc/curl[http2,-ssl]".',
      '!!! One of the following packages is required to complete your request:',
      '- net-misc/curl-8.11.1::gentoo (Change USE: +http2 -ssl)',
      '(dependency required by "net-misc/hurl-6.0::gentoo" [ebuild])',
      '(dependency required by "@selected" [set])',
    ].join('\n');
    const r = parsePretend(text);
    expect(noEbuilds(r.problems).useDeps).toBe(false);
    expect(r.changes.map((c) => [c.line, c.requiredBy])).toEqual([['>=net-misc/curl-8.11.1 http2 -ssl', ['net-misc/hurl-6.0::gentoo', '@selected']]]);
  });

  it('a change Portage also printed in its autounmask section is not listed twice', () => {
    const text = `${transcript('pretend-use-change-dep')}\n${transcript('pretend-respect-use-dep-change')}`;
    expect(parsePretend(text).changes.map((c) => c.line)).toEqual(['>=net-misc/curl-8.11.1 http2']);
  });
});
