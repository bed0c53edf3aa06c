import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAtom } from '../../../../src/core/portage/atom-parser.js';
import { editText, textInputState, visibleSlice } from '../../../../src/ui/components/text-input/text-input-state.js';
import { TextInput } from '../../../../src/ui/components/text-input/text-input.js';
import type { InputValidator } from '../../../../src/ui/components/text-input/text-input-types.js';
import { KeyRouterProvider, useCommands } from '../../../../src/ui/keys/key-router.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';

describe('text input state', () => {
  const type = (s: ReturnType<typeof textInputState>, text: string) => [...text].reduce((st, ch) => editText(st, ch === ' ' ? 'space' : ch, ch)!, s);

  it('inserts at the cursor and edits like a shell line', () => {
    let s = type(textInputState(''), 'dev-lang/php');
    expect(s).toEqual({ value: 'dev-lang/php', cursor: 12 });
    s = editText(s, 'home', '')!;
    s = type(s, '>=');
    expect(s).toEqual({ value: '>=dev-lang/php', cursor: 2 });
    s = editText(editText(s, 'end', '')!, 'backspace', '')!;
    expect(s.value).toBe('>=dev-lang/ph');
    s = editText(type(s, 'p x'), 'ctrl+w', '')!;
    expect(s.value).toBe('>=dev-lang/php ');
    s = editText(editText(s, 'left', '')!, 'ctrl+k', '')!;
    expect(s).toEqual({ value: '>=dev-lang/php', cursor: 14 });
    expect(editText(editText(s, 'left', '')!, 'ctrl+u', '')).toEqual({ value: 'p', cursor: 0 });
    expect(editText(s, 'up', '')).toBeNull();
  });

  it('scrolls long values so the cursor stays visible', () => {
    const s = textInputState('x'.repeat(100));
    const slice = visibleSlice(s, 20);
    expect(slice.text).toHaveLength(19);
    expect(slice.start + slice.text.length).toBe(100);
    expect(visibleSlice({ value: s.value, cursor: 0 }, 20).start).toBe(0);
  });
});

const atomCheck: InputValidator = (value) => {
  const r = parseAtom(value);
  return r.ok ? null : { message: r.error.message, offset: r.error.offset, length: r.error.length };
};

function Harness() {
  const [result, setResult] = useState('none');
  const [open, setOpen] = useState(true);
  useCommands('screen', { 'app.quit': () => setResult('quit reached the screen') });
  return (
    <Box flexDirection="column">
      {open ? (
        <TextInput label="Atom" width={60} validate={atomCheck} hint="category/name" onSubmit={(v) => { setResult(`submitted ${v}`); setOpen(false); }} onCancel={() => { setResult('cancelled'); setOpen(false); }} />
      ) : null}
      <Text>{`RESULT ${result}`}</Text>
    </Box>
  );
}

let tui: Tui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

describe('text input', () => {
  it('marks the invalid part with ^ and the message, refuses Enter, then accepts a valid atom', async () => {
    tui = await renderTui(<KeyRouterProvider><Harness /></KeyRouterProvider>);
    await tui.type('>=dev-lang/php-8.x');
    let lines = tui.frame().split('\n');
    const input = lines.findIndex((l) => l.startsWith('Atom '));
    expect(lines[input]).toContain('Atom >=dev-lang/php-8.x');
    // The version "8.x" (offset 15, three characters) is marked under the field.
    expect(lines[input + 1]).toBe(`${' '.repeat('Atom '.length + 15)}^^^`);
    expect(lines[input + 2]).toMatch(/^✗ '8\.x' is not a valid version/);
    await tui.press('enter');
    expect(tui.frame()).toContain("✗ fix this first: '8.x' is not a valid version");
    expect(tui.frame()).toContain('RESULT none');
    // q is text here, not quit.
    await tui.press('backspace');
    await tui.type('3q');
    expect(tui.frame()).toContain('Atom >=dev-lang/php-8.3q');
    expect(tui.frame()).toContain('RESULT none');
    await tui.press('backspace');
    lines = tui.frame().split('\n');
    expect(lines.find((l) => l.includes('^'))).toBeUndefined();
    expect(tui.frame()).toContain('category/name');
    await tui.press('enter');
    expect(tui.frame()).toContain('RESULT submitted >=dev-lang/php-8.3');
  });

  it('underlines the error range (visible without colour)', async () => {
    tui = await renderTui(<KeyRouterProvider><Harness /></KeyRouterProvider>, { theme: 'mono' });
    await tui.type('php');
    expect(tui.rawFrame()).toMatch(/\x1b\[4m/);
    await tui.press('escape');
    expect(tui.frame()).toContain('RESULT cancelled');
  });
});

describe('text input under fast input', () => {
  let tui: Tui | undefined;
  afterEach(() => tui?.unmount());

  it('keeps every read of a paste split over several reads, and Enter right after submits all of it', async () => {
    const got: string[] = [];
    tui = await renderTui(
      <KeyRouterProvider>
        <TextInput label="Export to" initial="x.tar" width={80} onSubmit={(v) => got.push(v)} onCancel={() => {}} />
      </KeyRouterProvider>,
    );
    // No drawing between the reads: an SSH connection or tmux can deliver them like this.
    tui.stdin.send('\x15');
    tui.stdin.send('/tmp/some/where/hel');
    tui.stdin.send('lo.tar');
    tui.stdin.send('n');
    tui.stdin.send('\r');
    // Keys are dispatched one per drawn frame, in the order they came.
    await vi.waitFor(() => expect(got).toEqual(['/tmp/some/where/hello.tarn']));
  });
});
