import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAtom } from '../../../src/core/portage/atom-parser.js';
import { formatAtom } from '../../../src/core/portage/atom-format.js';
import type { PackageAtom } from '../../../src/core/portage/atom-types.js';

function pkg(text: string): PackageAtom {
  const r = parseAtom(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  if (r.atom.kind !== 'package') throw new Error(`${text} is a set`);
  return r.atom;
}

function error(text: string) {
  const r = parseAtom(text);
  if (r.ok) throw new Error(`${text} should not parse`);
  return r.error;
}

describe('parseAtom: valid atoms', () => {
  it('parses the full PMS form', () => {
    const a = pkg('!!>=dev-libs/openssl-3.0.15-r1:0/3=::gentoo[ssl,-test,c?,!d?,e=,!f=,g(+),-h(-)]');
    expect(a.blocker).toBe('strong');
    expect(a.operator).toBe('>=');
    expect(a.category).toBe('dev-libs');
    expect(a.name).toBe('openssl');
    expect(a.version?.text).toBe('3.0.15-r1');
    expect(a.version?.revision).toBe('1');
    expect(a.slot).toEqual({ slot: '0', subslot: '3', operator: '=' });
    expect(a.repo).toBe('gentoo');
    expect(a.useDeps).toEqual([
      { flag: 'ssl', kind: 'enabled', default: null },
      { flag: 'test', kind: 'disabled', default: null },
      { flag: 'c', kind: 'conditional', default: null },
      { flag: 'd', kind: 'conditional-inverse', default: null },
      { flag: 'e', kind: 'equal', default: null },
      { flag: 'f', kind: 'equal-inverse', default: null },
      { flag: 'g', kind: 'enabled', default: '+' },
      { flag: 'h', kind: 'disabled', default: '-' },
    ]);
  });

  it('parses versions, wildcards, slot operators and sets', () => {
    expect(pkg('=dev-lang/php-8.3*').wildcard).toBe(true);
    expect(pkg('=dev-lang/php-8.3*').version?.text).toBe('8.3');
    expect(pkg('dev-libs/icu:=').slot).toEqual({ slot: null, subslot: null, operator: '=' });
    expect(pkg('dev-libs/icu:*').slot).toEqual({ slot: null, subslot: null, operator: '*' });
    expect(pkg('sys-devel/gcc:14').slot).toEqual({ slot: '14', subslot: null, operator: null });
    expect(pkg('~app-misc/foo-1.2.3b_alpha4_pre5_p6-r7').version?.suffixes.length).toBe(3);
    expect(pkg('!sys-apps/which').blocker).toBe('weak');
    expect(pkg('x11-libs/gtk+:3').name).toBe('gtk+');
    expect(pkg('dev-libs/foo-bar-baz').name).toBe('foo-bar-baz');
    expect(pkg('dev-libs/libpcre2::gentoo').repo).toBe('gentoo');
    expect(pkg('<dev-libs/icu-75:=').version?.text).toBe('75');
    expect(parseAtom('@world')).toEqual({ ok: true, atom: { kind: 'set', name: 'world' } });
    expect(parseAtom('@x11-module-rebuild').ok).toBe(true);
  });

  it('splits a name with digits correctly', () => {
    const a = pkg('=media-libs/libsdl2-2.30.9');
    expect([a.name, a.version?.text]).toEqual(['libsdl2', '2.30.9']);
    const b = pkg('>=dev-python/python-dateutil-2.9.0_p0-r1');
    expect([b.name, b.version?.text]).toEqual(['python-dateutil', '2.9.0_p0-r1']);
  });
});

describe('parseAtom: errors point at the offending part', () => {
  it('reports a missing category', () => {
    expect(error('openssl')).toMatchObject({ part: 'category', offset: 0 });
  });
  it('reports an invalid version with its span', () => {
    const e = error('>=dev-libs/openssl-3.x');
    expect(e.part).toBe('version');
    expect(e.offset).toBe('>=dev-libs/openssl-'.length);
    expect(e.length).toBe(3);
    expect(e.message).toContain("'3.x' is not a valid version");
  });
  it('reports a version without an operator', () => {
    const e = error('dev-libs/openssl-3.0');
    expect(e.part).toBe('name');
    expect(e.offset).toBe('dev-libs/openssl'.length);
    expect(e.message).toContain('add an operator');
  });
  it('reports an operator without a version', () => {
    expect(error('>=dev-libs/openssl')).toMatchObject({ part: 'version' });
  });
  it('reports a wildcard with the wrong operator', () => {
    expect(error('>=dev-lang/php-8*')).toMatchObject({ part: 'version', offset: 16 });
  });
  it('reports bad USE dependencies at the entry', () => {
    expect(error('dev-libs/foo[ssl,,x]')).toMatchObject({ part: 'use', offset: 17 });
    expect(error('dev-libs/foo[!ssl]').message).toContain('needs');
    expect(error('dev-libs/foo[-ssl?]').part).toBe('use');
    expect(error('dev-libs/foo[ssl')).toMatchObject({ part: 'use' });
    expect(error('dev-libs/foo[ssl]x')).toMatchObject({ part: 'use', offset: 17 });
    expect(error('dev-libs/foo[]').part).toBe('use');
    expect(error('dev-libs/foo[s$l]')).toMatchObject({ part: 'use', offset: 14 });
  });
  it('reports bad slots, repos, characters and the rig garbage atom', () => {
    expect(error('dev-libs/foo:')).toMatchObject({ part: 'slot' });
    expect(error('dev-libs/foo:1/')).toMatchObject({ part: 'slot' });
    expect(error('dev-libs/foo::')).toMatchObject({ part: 'repo', offset: 14 });
    expect(error('dev-libs/fo$o')).toMatchObject({ part: 'name', offset: 11 });
    expect(error('de v-libs/foo')).toMatchObject({ part: 'atom', offset: 2 });
    expect(error('app-misc/hello-[1').part).not.toBe('atom');
    expect(error('!!!dev-libs/foo').part).toBe('blocker');
    expect(error('@')).toMatchObject({ part: 'set' });
    expect(error('')).toMatchObject({ part: 'atom' });
  });
  it('honours the caller options', () => {
    expect(parseAtom('!dev-libs/foo', { allowBlockers: false }).ok).toBe(false);
    expect(parseAtom('@world', { allowSets: false }).ok).toBe(false);
    expect(parseAtom('dev-libs/foo::gentoo', { allowRepo: false }).ok).toBe(false);
    expect(parseAtom('dev-libs/foo', { requireVersion: true }).ok).toBe(false);
  });
});

// Names are built from segments that start with a letter, so they never end in a version.
const nameArb = fc.stringMatching(/^[a-z][a-z0-9_+]{0,7}(-[a-z][a-z0-9_+]{0,5}){0,2}$/);
const categoryArb = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,6})?$/);
const versionArb = fc.stringMatching(/^\d{1,4}(\.\d{1,3}){0,3}[a-z]?(_(alpha|beta|pre|rc|p)\d{0,3}){0,2}(-r\d{1,2})?$/);
const slotNameArb = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9+_.-]{0,5}$/);
const slotArb = fc.oneof(
  fc.constant(''),
  fc.constantFrom(':*', ':='),
  fc.tuple(slotNameArb, fc.option(slotNameArb, { nil: undefined }), fc.boolean()).map(([s, sub, eq]) => `:${s}${sub ? `/${sub}` : ''}${eq ? '=' : ''}`),
);
const useDepArb = fc.tuple(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9+_@-]{0,8}$/),
  fc.constantFrom('', '-', '?', '!?', '=', '!='),
  fc.constantFrom('', '(+)', '(-)'),
).map(([flag, form, dflt]) => {
  const f = flag + dflt;
  switch (form) {
    case '-': return `-${f}`;
    case '?': return `${f}?`;
    case '!?': return `!${f}?`;
    case '=': return `${f}=`;
    case '!=': return `!${f}=`;
    default: return f;
  }
});
const atomArb = fc.record({
  blocker: fc.constantFrom('', '!', '!!'),
  op: fc.constantFrom('', '<', '<=', '=', '~', '>=', '>', '=*'),
  category: categoryArb,
  name: nameArb,
  version: versionArb,
  slot: slotArb,
  repo: fc.option(fc.stringMatching(/^[a-z0-9_][a-z0-9_-]{0,8}$/), { nil: undefined }),
  use: fc.option(fc.array(useDepArb, { minLength: 1, maxLength: 4 }), { nil: undefined }),
}).map((r) => {
  const op = r.op === '=*' ? '=' : r.op;
  const ver = r.op === '' ? '' : `-${r.version}${r.op === '=*' ? '*' : ''}`;
  return `${r.blocker}${op}${r.category}/${r.name}${ver}${r.slot}${r.repo ? `::${r.repo}` : ''}${r.use ? `[${r.use.join(',')}]` : ''}`;
});

describe('parseAtom / formatAtom round trip', () => {
  it('format(parse(atom)) === atom for atoms generated from the grammar (property)', () => {
    fc.assert(
      fc.property(atomArb, (text) => {
        const r = parseAtom(text);
        if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
        expect(formatAtom(r.atom)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary input and errors stay inside the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const r = parseAtom(text);
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(Math.max(0, text.length));
          expect(r.error.message.length).toBeGreaterThan(5);
        } else {
          expect(formatAtom(r.atom)).toBe(text);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
