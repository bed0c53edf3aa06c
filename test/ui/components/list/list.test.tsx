import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { filterIndices, searchIndex, windowTop } from '../../../../src/ui/components/list/list-model.js';
import { ListView } from '../../../../src/ui/components/list/list-view.js';
import { useList } from '../../../../src/ui/components/list/use-list.js';
import { KeyRouterProvider, useActiveFooter } from '../../../../src/ui/keys/key-router.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';

interface Flag { name: string; description: string }
const FLAGS: Flag[] = Array.from({ length: 40 }, (_, i) => ({ name: `flag${String(i).padStart(2, '0')}`, description: i % 3 === 0 ? 'Add SSL support' : 'Other thing' }));

describe('list model', () => {
  it('filters on every word, case-insensitively, keeping list order', () => {
    const index = searchIndex(FLAGS, (f) => `${f.name} ${f.description}`);
    expect(filterIndices(index, '')).toHaveLength(40);
    expect(filterIndices(index, 'SSL').slice(0, 3)).toEqual([0, 3, 6]);
    expect(filterIndices(index, 'ssl flag1')).toEqual([12, 15, 18]);
    expect(filterIndices(index, 'nothing-like-this')).toEqual([]);
  });

  it('moves the window as little as possible', () => {
    expect(windowTop(0, 3, 5, 40)).toBe(0);
    expect(windowTop(0, 7, 5, 40)).toBe(3);
    expect(windowTop(10, 4, 5, 40)).toBe(4);
    expect(windowTop(38, 39, 5, 40)).toBe(35);
    expect(windowTop(0, 0, 5, 2)).toBe(0);
  });
});

function Footer() {
  const items = useActiveFooter();
  return <Text>{`FOOTER ${items.map((i) => (typeof i === 'string' ? i : `${i.keys}:${i.label}`)).join(',')}`}</Text>;
}

function Harness({ onChoose }: { onChoose?: (f: Flag) => void }) {
  const [toggled, setToggled] = useState<string[]>([]);
  const list = useList(FLAGS, {
    height: 5,
    searchText: (f) => `${f.name} ${f.description}`,
    onToggle: (f) => setToggled((t) => [...t, f.name]),
    ...(onChoose ? { onChoose } : {}),
  });
  return (
    <Box flexDirection="column">
      <ListView list={list} width={60} focused renderItem={(f) => `${f.name} ${f.description}`} />
      <Text>{`TOGGLED ${toggled.join(',')}`}</Text>
      <Footer />
    </Box>
  );
}

let tui: Tui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

describe('filterable list', () => {
  it('moves with the keys, windows, and marks the selection', async () => {
    tui = await renderTui(<KeyRouterProvider><Harness /></KeyRouterProvider>);
    expect(tui.frame()).toContain('› flag00 Add SSL support');
    expect(tui.frame()).toContain('1-5 of 40  (/ filters)');
    await tui.press('down', 'j', 'pagedown');
    expect(tui.frame()).toContain('› flag06');
    expect(tui.frame()).toContain('3-7 of 40');
    await tui.press('G');
    expect(tui.frame()).toContain('› flag39');
    expect(tui.frame()).toContain('36-40 of 40');
    await tui.press('space');
    expect(tui.frame()).toContain('TOGGLED flag39');
    await tui.press('g');
    expect(tui.frame()).toContain('› flag00');
  });

  it('filters while / is typed, keeps the filter with Enter, clears it with Esc', async () => {
    const chosen: string[] = [];
    tui = await renderTui(<KeyRouterProvider><Harness onChoose={(f) => chosen.push(f.name)} /></KeyRouterProvider>);
    expect(tui.frame()).toContain('FOOTER item.choose,item.toggle,list.search');
    await tui.press('/');
    expect(tui.frame()).toContain('FOOTER Enter:keep filter,Esc:clear filter');
    await tui.type('ssl 2');
    let frame = tui.frame();
    expect(frame).toContain('/ssl 2');
    expect(frame).toContain('4 of 40');
    expect(frame.split('\n').filter((l) => /flag\d\d/.test(l)).map((l) => /^(›? *flag\d\d)/.exec(l.trim())?.[1])).toEqual(['› flag12', 'flag21', 'flag24', 'flag27']);
    // j and k are text here, arrows still move.
    await tui.press('down');
    expect(tui.frame()).toContain('› flag21');
    await tui.press('enter');
    expect(chosen).toEqual([]); // Enter only kept the filter
    await tui.press('enter');
    expect(chosen).toEqual(['flag21']);
    await tui.press('space');
    expect(tui.frame()).toContain('TOGGLED flag21');
    await tui.press('escape');
    frame = tui.frame();
    expect(frame).not.toContain('/ssl');
    expect(frame).toContain('1-5 of 40');
  });

  it('says when nothing matches', async () => {
    tui = await renderTui(<KeyRouterProvider><Harness /></KeyRouterProvider>);
    await tui.press('/');
    await tui.type('zzz');
    expect(tui.frame()).toContain('Nothing matches "zzz". Esc clears the filter.');
    await tui.press('backspace', 'backspace', 'backspace');
    expect(tui.frame()).toContain('40 of 40');
  });
});

describe('list filter under fast input', () => {
  it('keeps every read of a filter typed faster than the screen draws', async () => {
    tui = await renderTui(<KeyRouterProvider><Harness /></KeyRouterProvider>);
    await tui.press('/');
    // Two reads before React draws: the second must extend the first, not replace it.
    tui.stdin.send('ssl f');
    tui.stdin.send('lag1');
    const frame = await tui.waitForFrame((f) => f.includes('/ssl flag1'));
    expect(frame).toContain('› flag12 Add SSL support');
  });
});

describe('a list without the keyboard', () => {
  function Resting() {
    const list = useList(FLAGS.slice(0, 3), { height: 5, searchText: (f) => f.name });
    return <ListView list={list} width={40} focused={false} renderItem={(f) => f.name} />;
  }

  it('marks its selection with a dot, and an ASCII one where the terminal has no Unicode', async () => {
    tui = await renderTui(<KeyRouterProvider><Resting /></KeyRouterProvider>);
    expect(tui.frame()).toMatch(/^· flag00/m);
    tui.unmount();
    tui = await renderTui(<KeyRouterProvider><Resting /></KeyRouterProvider>, { unicode: false });
    expect(tui.frame()).toMatch(/^\. flag00/m);
    expect(tui.frame()).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
