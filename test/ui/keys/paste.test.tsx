// Text arriving several characters at once (a paste, tmux send-keys) reaches text fields whole.
import React from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { TextInput } from '../../../src/ui/components/text-input/text-input.js';
import { KeyRouterProvider } from '../../../src/ui/keys/key-router.js';
import { renderTui, type Tui } from '../../helpers/render-tui.js';

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

it('a pasted atom lands in the text field, line breaks folded to spaces', async () => {
  const onSubmit = vi.fn();
  tui = await renderTui(
    <KeyRouterProvider>
      <TextInput label="atom: " width={60} onSubmit={onSubmit} onCancel={() => {}} />
    </KeyRouterProvider>,
  );
  await tui.press('net-misc/hurl');
  expect(tui.frame()).toMatch(/atom: +net-misc\/hurl/);
  await tui.press('\r\n>=dev-libs/openssl-3');
  await tui.press('enter');
  expect(onSubmit).toHaveBeenCalledWith('net-misc/hurl >=dev-libs/openssl-3');
});

it('keys sent in one burst (tmux send-keys j j Tab) each act, in order, with state updated between them', async () => {
  const { useCommands } = await import('../../../src/ui/keys/key-router.js');
  const { Text } = await import('ink');
  function Counter() {
    const [n, setN] = React.useState(0);
    const [tabs, setTabs] = React.useState(0);
    // Reads `n` from the closure on purpose: a handler that missed a render would count wrong.
    useCommands('screen', { 'move.down': () => setN(n + 1), 'pane.next': () => setTabs(tabs + 1) });
    return <Text>{`n=${n} tabs=${tabs}`}</Text>;
  }
  tui = await renderTui(
    <KeyRouterProvider>
      <Counter />
    </KeyRouterProvider>,
  );
  await tui.press('jjj\t\t');
  await tui.waitForFrame((f) => f.includes('n=3 tabs=2'));
});

it('the footer follows a registration whose footer changes without re-registering', async () => {
  const { useCommands } = await import('../../../src/ui/keys/key-router.js');
  const { Footer } = await import('../../../src/ui/components/footer.js');
  const { Box, Text } = await import('ink');
  function Screen() {
    const [filtering, setFiltering] = React.useState(false);
    useCommands('screen', { 'list.search': () => setFiltering(true) }, { footer: filtering ? [{ keys: 'Esc', label: 'stop filtering' }] : ['list.search'] });
    return <Text>{filtering ? 'filtering' : 'list'}</Text>;
  }
  tui = await renderTui(
    <KeyRouterProvider>
      <Box flexDirection="column">
        <Screen />
        <Footer width={80} />
      </Box>
    </KeyRouterProvider>,
  );
  expect(tui.frame()).toMatch(/\/ search/);
  await tui.press('/');
  expect(tui.frame()).toContain('filtering');
  expect(tui.frame()).toMatch(/Esc stop filtering/);
  expect(tui.frame()).not.toMatch(/\/ search/);
});

it('arrow keys and letters read together (SSH coalescing, tmux send-keys Down Down j) each act, in order', async () => {
  const { useCommands } = await import('../../../src/ui/keys/key-router.js');
  const { Text } = await import('ink');
  const seen: string[] = [];
  function Counter() {
    const [n, setN] = React.useState(0);
    useCommands('screen', {
      'move.down': (key) => {
        seen.push(key);
        setN(n + 1);
      },
      'move.up': (key) => {
        seen.push(key);
        setN(n - 1);
      },
    });
    return <Text>{`n=${n}`}</Text>;
  }
  tui = await renderTui(
    <KeyRouterProvider>
      <Counter />
    </KeyRouterProvider>,
  );
  tui.stdin.send('\x1b[B\x1b[Bjj\x1b[Ak\x1b[B');
  await vi.waitFor(() => expect(seen).toHaveLength(7));
  await tui.waitForFrame((f) => f.includes('n=3'));
  expect(seen).toEqual(['down', 'down', 'j', 'j', 'up', 'k', 'down']);
});
