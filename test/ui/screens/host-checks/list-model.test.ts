import { describe, expect, it } from 'vitest';
import { evaluateHost } from '../../../../src/core/host/evaluate.js';
import { detailLines, fixText } from '../../../../src/ui/screens/host-checks/detail-lines.js';
import { windowTop } from '../../../../src/ui/components/list/list-model.js';
import { groupFindings, groupRows, initialGroup } from '../../../../src/ui/screens/host-checks/list-model.js';
import { wrapLine } from '../../../../src/core/format/wrap.js';
import { hostFacts } from '../../../core/host/facts-builder.js';

describe('host check list model', () => {
  const findings = evaluateHost(hostFacts()).findings;

  it('one row per group in order with counts, starting on the first group with a problem', () => {
    const rows = groupRows(findings);
    expect(rows.map((r) => r.title)).toEqual(['Engine', 'Permissions', 'Kernel', 'cgroups', 'Rootless', 'Podman', 'Sizing', 'Container probe']);
    expect(rows[1]!.counts.warn).toBe(1);
    expect(initialGroup(rows)).toBe(1);
  });

  it('problems first, and only problems when filtered', () => {
    const perms = groupFindings(findings, 'permissions', false);
    expect(perms[0]!.id).toBe('sec.dockerGroup');
    expect(groupFindings(findings, 'permissions', true).map((f) => f.id)).toEqual(['sec.dockerGroup']);
  });

  it('keeps the selection inside a scrolling window', () => {
    expect(windowTop(0, 25, 19, 100)).toBe(7);
    expect(windowTop(7, 3, 19, 100)).toBe(3);
    expect(windowTop(90, 95, 19, 100)).toBe(81);
    expect(windowTop(5, 2, 19, 4)).toBe(0);
  });
});

describe('wrapping and the detail text', () => {
  const findings = evaluateHost(hostFacts()).findings;

  it('wraps at spaces, splits overlong words, indents continuations, never exceeds the width', () => {
    const line = "echo 'CONFIG_NETFILTER_XT_MATCH_IPVS=m' >> /etc/kernel/config.d/docker.config";
    const wrapped = wrapLine(line, 41, '    ');
    expect(wrapped).toEqual(["echo 'CONFIG_NETFILTER_XT_MATCH_IPVS=m'", '    >> /etc/kernel/config.d/docker.config']);
    const blob = wrapLine('a'.repeat(25), 10);
    expect(blob).toEqual(['aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaa']);
    for (const l of wrapLine('x '.repeat(200), 33, '  ')) expect(l.length).toBeLessThanOrEqual(33);
  });

  it('the detail carries every word of the fix, whatever the width', () => {
    const f = findings.find((x) => x.id === 'sec.dockerGroup')!;
    for (const width of [30, 78, 198]) {
      // Wrapping may split a long word, never drop a character: compare without whitespace.
      const text = detailLines(f, width).map((l) => l.text).join('').replace(/\s+/g, '');
      expect(text).toContain(f.fix.join('').replace(/\s+/g, ''));
      expect(detailLines(f, width).every((l) => l.text.length <= width)).toBe(true);
    }
    expect(fixText([f])).toBe(`${f.fix.join('\n')}\n`);
  });
});
