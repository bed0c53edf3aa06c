// The select-input list, drawn alone with ink-testing-library (no 80x24 frame needed): the
// highlighted row carries the focus marker and bold/inverse in every theme, colour only on top.
import React from 'react';
import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ChoiceList } from '../../../src/ui/components/choice-list/choice-list.js';
import { LookProvider } from '../../../src/ui/theme/theme-context.js';
import { lookFor } from '../../helpers/render-tui.js';

const CHOICES = [
  { key: 'd', label: 'd: detach and quit', value: 'd' },
  { key: 'x', label: 'x: cancel the build and quit', value: 'x' },
  { key: 'stay', label: 'k or Esc: stay.', value: 'stay' },
];

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function draw(selected: number, theme: string, unicode = true) {
  const r = render(
    <LookProvider look={lookFor(theme, unicode)}>
      <ChoiceList choices={CHOICES} selected={selected} />
    </LookProvider>,
  );
  unmount = r.unmount;
  return r;
}

describe('choice list', () => {
  it('marks the selected row with › and bold/inverse, even in mono', () => {
    const { lastFrame } = draw(1, 'mono');
    const raw = lastFrame()!;
    expect(stripVTControlCharacters(raw).split('\n')).toEqual(['  d: detach and quit', '› x: cancel the build and quit', '  k or Esc: stay.']);
    const row = raw.split('\n')[1]!;
    expect(row).toContain('\x1b[7m');
    expect(row).toContain('\x1b[1m');
    // Mono: no colour codes at all (NO_COLOR is honoured through the theme).
    expect(raw).not.toMatch(/\x1b\[(3[0-79]|38;)/);
    expect(raw.split('\n')[0]).not.toContain('\x1b[7m');
  });

  it('uses > without UTF-8 and follows a new selection', () => {
    const { lastFrame, rerender } = draw(0, 'mono', false);
    expect(stripVTControlCharacters(lastFrame()!).split('\n')[0]).toBe('> d: detach and quit');
    rerender(
      <LookProvider look={lookFor('mono', false)}>
        <ChoiceList choices={CHOICES} selected={2} />
      </LookProvider>,
    );
    expect(stripVTControlCharacters(lastFrame()!).split('\n')).toEqual(['  d: detach and quit', '  x: cancel the build and quit', '> k or Esc: stay.']);
  });

  it('colours the marker from the theme when there is one', () => {
    const raw = draw(0, 'default').lastFrame()!;
    expect(raw.split('\n')[0]).toMatch(/\x1b\[(3[0-79]|38;|9[0-7])[^m]*m›/);
  });
});

describe('choice list with a limit', () => {
  it('shows a window of rows that follows the selection', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ key: `b${i}`, label: `build ${i}`, value: i }));
    const look = lookFor('mono');
    const r = render(
      <LookProvider look={look}>
        <ChoiceList choices={many} selected={0} limit={3} wrap="truncate-end" />
      </LookProvider>,
    );
    unmount = r.unmount;
    const rows = () => stripVTControlCharacters(r.lastFrame()!).split('\n');
    expect(rows()).toEqual(['› build 0', '  build 1', '  build 2']);
    r.rerender(
      <LookProvider look={look}>
        <ChoiceList choices={many} selected={6} limit={3} wrap="truncate-end" />
      </LookProvider>,
    );
    expect(rows()).toEqual(['  build 4', '  build 5', '› build 6']);
  });
});
