import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Footer } from '../../../src/ui/components/footer.js';
import { KeyRouterProvider, useCommands } from '../../../src/ui/keys/key-router.js';
import { renderTui, type Tui } from '../../helpers/render-tui.js';

let tui: Tui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

function Layers() {
  // A screen whose Esc goes back, and a pane on top whose Esc shows all output instead.
  useCommands('screen', { 'app.back': () => {} }, { footer: ['app.back'] });
  useCommands('pane', { 'app.back': () => {} }, { footer: [{ keys: 'Esc', label: 'all' }] });
  return <Footer width={80} />;
}

describe('footer', () => {
  it('offers one Esc: the top-most registration that handles it', async () => {
    tui = await renderTui(
      <KeyRouterProvider>
        <Layers />
      </KeyRouterProvider>,
    );
    const line = tui.frame().split('\n').at(-1)!;
    expect(line).toMatch(/^Esc all/);
    expect(line.match(/Esc/g)).toHaveLength(1);
  });

  it('keeps keys without Esc and the first with it', async () => {
    function Entries() {
      useCommands('screen', { 'app.back': () => {} }, { footer: [{ keys: 'Enter', label: 'open' }, { keys: 'Esc/h', label: 'back' }, { keys: 'Esc', label: 'all' }, { keys: 'n/Esc', label: 'stay' }] });
      return <Footer width={80} />;
    }
    tui = await renderTui(
      <KeyRouterProvider>
        <Entries />
      </KeyRouterProvider>,
    );
    const line = tui.frame().split('\n').at(-1)!;
    expect(line).toMatch(/^Enter open +Esc\/h back /);
    expect(line).not.toMatch(/all|stay/);
  });
});
