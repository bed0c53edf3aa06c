import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMakeConf } from '../../../../src/core/portage/make-conf/make-conf-parser.js';
import { serializeMakeConf, setMakeConfVariable, removeMakeConfVariable, quoteMakeConfValue } from '../../../../src/core/portage/make-conf/make-conf-edit.js';
import { evaluateMakeConf } from '../../../../src/core/portage/make-conf/make-conf-eval.js';
import type { MakeConfDoc } from '../../../../src/core/portage/make-conf/make-conf-types.js';

describe('make.conf editing', () => {
  function text(doc: MakeConfDoc): string {
    return serializeMakeConf(doc);
  }
  it('rewrites only the last assignment, keeping export and the trailing comment', () => {
    const doc = parseMakeConf('# keep me\nexport USE="a" # why\nUSE="${USE} b"\n# tail\n');
    const r = setMakeConfVariable(doc, 'USE', 'x "y" $z');
    if (!r.ok) throw new Error(r.error);
    expect(text(r.doc)).toBe('# keep me\nexport USE="a" # why\nUSE="x \\"y\\" \\$z"\n# tail\n');
    expect(evaluateMakeConf(r.doc).variables.USE).toBe('x "y" $z');
    const first = setMakeConfVariable(parseMakeConf('export MAKEOPTS="-j2" # cores\n'), 'MAKEOPTS', '-j8');
    expect(first.ok && text(first.doc)).toBe('export MAKEOPTS="-j8" # cores\n');
  });
  it('appends a new variable, adding the missing final newline', () => {
    const r = setMakeConfVariable(parseMakeConf('A="1"'), 'MAKEOPTS', '-j4');
    expect(r.ok && text(r.doc)).toBe('A="1"\nMAKEOPTS="-j4"\n');
    expect(r.ok && r.doc.nodes[1]).toMatchObject({ kind: 'assignment', name: 'MAKEOPTS', line: 2 });
  });
  it('removes every assignment of a variable and nothing else', () => {
    const doc = parseMakeConf('# USE comment\nUSE="a"\nX=1\nUSE="${USE} b"\n');
    expect(text(removeMakeConfVariable(doc, 'USE'))).toBe('# USE comment\nX=1\n');
  });
  it('refuses invalid names with a message', () => {
    expect(setMakeConfVariable(parseMakeConf(''), '1BAD', 'x')).toEqual({ ok: false, error: expect.stringContaining("'1BAD' is not a valid variable name") });
  });
  it('quotes values so they read back unchanged (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (value) => {
      const r = setMakeConfVariable(parseMakeConf('# x\n'), 'V', value);
      if (!r.ok) throw new Error(r.error);
      expect(evaluateMakeConf(parseMakeConf(text(r.doc))).variables.V).toBe(value);
    }), { numRuns: 300 });
    expect(quoteMakeConfValue('a`b')).toBe('"a\\`b"');
  });
});
