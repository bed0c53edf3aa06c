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
