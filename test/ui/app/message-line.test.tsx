import React, { useEffect } from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/ui/app/app.js';
import { useWizard } from '../../../src/ui/app/wizard-context.js';
import { wrappedRows } from '../../../src/ui/components/wrapped-text.js';
import { renderTui, type Tui } from '../../helpers/render-tui.js';

let tui: Tui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

// What a failed build start looks like: ids and names no one can shorten for the user.
const LONG =
  'start container 76d7a1c0e5f24b7c9d0e: failed to create endpoint gentoo-wb-build-20261104-153012-a1b2c3 on network bridge: ' +
  'failed to add the host (veth4f2a9c1) <=> sandbox (veth8b3e0d7) pair interfaces: operation not supported; ' +
  'the kernel lacks CONFIG_VETH or the module is not loaded (modprobe veth) and the engine cannot attach containers';

function Notifier({ text }: { text: string }) {
  const { notify } = useWizard();
  useEffect(() => notify(text, 'fail'), [notify, text]);
  return <Text>screen body</Text>;
}

describe('message line', () => {
  it('shows every word of a 300-character error at 80x24, wrapped, within rows-1', async () => {
    expect(LONG.length).toBeGreaterThanOrEqual(300);
    tui = await renderTui(<App onExit={() => {}} screens={{ host: () => <Notifier text={LONG} /> }} />);
    const frame = await tui.waitForFrame((f) => f.includes('start container'));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    const shown = lines.join(' ').replace(/\s+/g, ' ');
    for (const word of LONG.split(' ')) expect(shown, `word "${word}"`).toContain(word);
    // The footer still shows, under the message.
    expect(lines.at(-1)).toMatch(/\? help/);
  });

  it('caps a message longer than half the screen with an ellipsis', () => {
    const rows = wrappedRows('word '.repeat(400), 79, 11);
    expect(rows).toHaveLength(11);
    expect(rows.at(-1)).toMatch(/…$/);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(79);
  });
});
