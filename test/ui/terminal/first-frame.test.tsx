// The first frame drawn before Ink loads must be the step bar Ink then draws, so the switch is seamless.
import React from 'react';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { StepBar } from '../../../src/ui/app/step-bar.js';
import { firstFrameText } from '../../../src/ui/terminal/first-frame.js';
import { enterFullscreen } from '../../../src/ui/terminal/fullscreen.js';
import { renderTui, type Tui } from '../../helpers/render-tui.js';
import type { StepId } from '../../../src/ui/app/steps.js';

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

describe('first frame', () => {
  for (const step of ['host', 'recipe', 'build'] as StepId[]) {
    it(`draws the same step bar as the app (current: ${step})`, async () => {
      tui = await renderTui(<StepBar current={step} available={new Set()} width={80} />, { theme: 'mono' });
      const [bar, status] = stripVTControlCharacters(firstFrameText(step, '›', 80)).split('\r\n');
      expect(bar).toBe(tui.frame().split('\n')[0]);
      expect(status).toBe('Starting the workbench…');
    });
  }

  it('marks the current step with inverse video, not colour', () => {
    const text = firstFrameText('host', '>', 80);
    expect(text).toContain('\x1b[7m>1 Host \x1b[27m');
    expect(text).not.toMatch(/\x1b\[(3|4|9)\d/);
  });

  it('leaves out the brand on a narrow screen instead of wrapping', () => {
    const [bar] = stripVTControlCharacters(firstFrameText('host', '›', 60)).split('\r\n');
    expect(bar!.length).toBeLessThanOrEqual(60);
    expect(bar).not.toContain('gentoo-wb');
  });

  it('clears before Ink draws, and writes nothing once restored', () => {
    const written: string[] = [];
    const out = { write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const screen = enterFullscreen(out);
    screen.draw('frame');
    screen.clear();
    screen.restore();
    screen.draw('late');
    expect(written).toEqual(['\x1b[?1049h\x1b[H', '\x1b[H\x1b[2J', 'frame', '\x1b[H\x1b[2J', '\x1b[?1049l\x1b[?25h']);
  });
});
