import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMakeConf } from '../../../../src/core/portage/make-conf/make-conf-parser.js';
import { makeConfText } from '../../../helpers/whole-text.js';
import type { AssignmentNode, MakeConfDoc } from '../../../../src/core/portage/make-conf/make-conf-types.js';
import { evaluateMakeConf } from '../../../../src/core/portage/make-conf/make-conf-eval.js';
import { rig } from '../../fixtures.js';

const findAssignments = (doc: MakeConfDoc, name: string): AssignmentNode[] =>
  doc.nodes.filter((n): n is AssignmentNode => n.kind === 'assignment' && n.name === name);

/** The rig image's real /etc/portage/make.conf, as listed in _image-layout.txt. */
function rigMakeConf(): string {
  const layout = rig('_image-layout');
  const start = layout.indexOf('# These settings were set by the catalyst');
  const end = layout.indexOf('\n', layout.indexOf('MAKEOPTS="-j4"', start)) + 1;
  return layout.slice(start, end);
}

const SAMPLE = [
  '# make.conf of a build host',
  'COMMON_FLAGS="-O2 -pipe -march=x86-64-v3"',
  'CFLAGS="${COMMON_FLAGS}"',
  "CXXFLAGS='${COMMON_FLAGS} literal'",
  'FCFLAGS=$COMMON_FLAGS',
  'USE="X -systemd \\',
  '    python_targets_python3_12 ssl"   # trailing comment',
  'USE="${USE} -doc"',
  'export MAKEOPTS="-j8 -l8"',
  'FEATURES="buildpkg \\"quoted\\" \\$HOME"',
  'GENTOO_MIRRORS="https://a.example/gentoo',
  '  https://b.example/gentoo"',
  'L10N=en-GB\\ de',
  '',
  'source /etc/portage/make.conf.local',
  'this is not valid',
  'EMPTY=',
  'ACCEPT_LICENSE="-* @FREE"',
  '',
].join('\n');

describe('parseMakeConf', () => {
  it('reads assignments, quotes, continuations, references, comments and unknown lines', () => {
    const doc = parseMakeConf(SAMPLE);
    expect(doc.nodes.map((n) => (n.kind === 'assignment' ? n.name : n.kind))).toEqual([
      'comment', 'COMMON_FLAGS', 'CFLAGS', 'CXXFLAGS', 'FCFLAGS', 'USE', 'USE', 'MAKEOPTS', 'FEATURES', 'GENTOO_MIRRORS', 'L10N',
      'blank', 'source', 'unknown', 'EMPTY', 'ACCEPT_LICENSE',
    ]);
    const use = findAssignments(doc, 'USE');
    expect(use).toHaveLength(2);
    expect(use[0]).toMatchObject({ line: 6, comment: '# trailing comment', value: [{ kind: 'text', text: 'X -systemd     python_targets_python3_12 ssl' }] });
    expect(findAssignments(doc, 'MAKEOPTS')[0]).toMatchObject({ exported: true });
    expect(findAssignments(doc, 'CFLAGS')[0]?.value).toEqual([{ kind: 'ref', name: 'COMMON_FLAGS' }]);
    expect(doc.nodes.find((n) => n.kind === 'source')).toMatchObject({ path: '/etc/portage/make.conf.local', line: 15 });
    expect(doc.nodes.find((n) => n.kind === 'unknown')).toMatchObject({ line: 16, message: expect.stringContaining("'this' is not followed by '='") });
  });
  it('evaluates in file order like Portage', () => {
    const { variables, sources, problems } = evaluateMakeConf(parseMakeConf(SAMPLE));
    expect(variables).toMatchObject({
      COMMON_FLAGS: '-O2 -pipe -march=x86-64-v3', CFLAGS: '-O2 -pipe -march=x86-64-v3', CXXFLAGS: '${COMMON_FLAGS} literal',
      FCFLAGS: '-O2 -pipe -march=x86-64-v3', USE: 'X -systemd     python_targets_python3_12 ssl -doc', MAKEOPTS: '-j8 -l8',
      FEATURES: 'buildpkg "quoted" $HOME', GENTOO_MIRRORS: 'https://a.example/gentoo\n  https://b.example/gentoo', L10N: 'en-GB de',
      EMPTY: '', ACCEPT_LICENSE: '-* @FREE',
    });
    expect(sources).toEqual(['/etc/portage/make.conf.local']);
    expect(problems).toEqual([{ line: 16, message: expect.stringContaining('not followed') }]);
  });
  it('expands references from a base layer and to nothing when unknown', () => {
    const doc = parseMakeConf('USE="${USE} extra"\nX="$UNDEFINED-y"\n');
    expect(evaluateMakeConf(doc, { USE: 'base' }).variables).toEqual({ USE: 'base extra', X: '-y' });
  });
  it('reports an unclosed quote and keeps the rest of the file in that node', () => {
    const doc = parseMakeConf('A="1"\nB="never closed\nC="2"\n');
    expect(doc.nodes.map((n) => n.kind)).toEqual(['assignment', 'unknown']);
    expect(doc.nodes[1]).toMatchObject({ line: 2, message: 'the double quote opened on line 2 is never closed' });
    expect(makeConfText(doc)).toBe('A="1"\nB="never closed\nC="2"\n');
  });
  it('flags text after an unquoted value', () => {
    const doc = parseMakeConf('USE=a b\nX="ok"\n');
    expect(doc.nodes[0]).toMatchObject({ kind: 'unknown', message: expect.stringContaining('quote values that contain spaces') });
    expect(doc.nodes[1]).toMatchObject({ kind: 'assignment', name: 'X', line: 2 });
  });
  it('reads the rig image make.conf', () => {
    const text = rigMakeConf();
    const doc = parseMakeConf(text);
    expect(makeConfText(doc)).toBe(text);
    expect(evaluateMakeConf(doc).variables).toEqual({
      COMMON_FLAGS: '-O2 -pipe', CFLAGS: '-O2 -pipe', CXXFLAGS: '-O2 -pipe', FCFLAGS: '-O2 -pipe', FFLAGS: '-O2 -pipe',
      LC_MESSAGES: 'C.utf8', FEATURES: '-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox', MAKEOPTS: '-j4',
    });
    expect(doc.nodes.filter((n) => n.kind === 'comment')).toHaveLength(9);
  });
});

describe('make.conf round trip', () => {
  it('is byte-identical for the samples, CRLF files and files without a final newline', () => {
    for (const text of [SAMPLE, rigMakeConf(), SAMPLE.replace(/\n/g, '\r\n'), 'A=1', '', '\n\n', '# only a comment', 'X="a\\\nb"']) {
      expect(makeConfText(parseMakeConf(text))).toBe(text);
    }
  });
  const pieces = fc.constantFrom(
    '# comment', '', '   ', 'USE="a -b"', "X='single $NOT'", 'Y=unquoted', 'Z="multi\nline"', 'CFLAGS="${COMMON_FLAGS} -g"', 'W=$V',
    'export A="1"', 'B="x" # note', 'C="esc \\" \\$ \\\\"', 'D=a\\\n  b', 'not an assignment', 'E="unterminated', 'source /x', '. /y',
    'F=', 'G==', '=H', '\tI="tab"', 'J="é ü 🙂"', 'K="a"b\'c\'', 'L=x\r',
  );
  it('serialize(parse(text)) === text for make.conf-like text built from real line shapes (property)', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 25 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        const doc = parseMakeConf(text);
        expect(makeConfText(doc)).toBe(text);
        expect(doc.nodes.every((n) => n.raw.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('serialize(parse(text)) === text for arbitrary strings (property)', () => {
    const units = fc.constantFrom('A', 'b', '_', '=', '"', "'", '$', '{', '}', '\\', '#', ' ', '\t', '\n', '\r', 'é', '🙂', '\u0000');
    fc.assert(fc.property(fc.array(units, { maxLength: 200 }), (chars) => {
      const text = chars.join('');
      expect(makeConfText(parseMakeConf(text))).toBe(text);
    }), { numRuns: 400 });
  });
});
