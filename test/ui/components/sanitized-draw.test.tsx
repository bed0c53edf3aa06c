// Components that draw outside text (labels, history, messages) show escape sequences as text: an
// OSC title in an image label must not rename the terminal (or the tmux pane) when the Image tab opens.
import React from 'react';
import { Box } from 'ink';
import { afterEach, expect, it } from 'vitest';
import { LineRow } from '../../../src/ui/components/text-lines/text-lines.js';
import { Tone } from '../../../src/ui/components/tone.js';
import { fit } from '../../../src/ui/screens/result/format.js';
import { renderTui, type Tui } from '../../helpers/render-tui.js';

let tui: Tui | undefined;
afterEach(() => tui?.instance.unmount());

const OSC_TITLE = '\u001b]0;pwned\u0007';

it('LineRow, Tone and fit draw control characters visibly, never raw', async () => {
  tui = await renderTui(
    <Box flexDirection="column">
      <LineRow line={{ text: `label ${OSC_TITLE}` }} width={60} />
      <LineRow line={{ text: `toned ${OSC_TITLE}`, tone: 'warn' }} width={60} />
      <Tone tone="fail">{'message '}{OSC_TITLE}</Tone>
    </Box>,
  );
  const raw = tui.rawFrame();
  expect(raw).not.toContain('\u001b]');
  expect(raw).not.toContain('\u0007');
  expect(tui.frame()).toContain('label \\x1b]0;pwned\\x07');
  expect(tui.frame()).toContain('message \\x1b]0;pwned\\x07');
  expect(fit(`tag${OSC_TITLE}`, 12)).toBe('tag\\x1b]0;p…');
});
