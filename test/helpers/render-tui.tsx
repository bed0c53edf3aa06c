// Render an Ink tree into a fake terminal of any size and drive it with keys.
import React from 'react';
import { render, type Instance } from 'ink';
import { stripVTControlCharacters } from 'node:util';
import { expect } from 'vitest';
import { chooseGlyphs } from '../../src/core/glyphs.js';
import { MONO_THEME, type Theme } from '../../src/core/theme.js';
import { loadTheme } from '../../src/engine/theme-files.js';
import { isMono, LookProvider, type Look } from '../../src/ui/theme/theme-context.js';
import { FakeStdin, FakeStdout, keySequence } from './fake-tty.js';

export interface RenderOptions {
  columns?: number;
  rows?: number;
  theme?: string | Theme;
  /** Unicode glyphs unless false. */
  unicode?: boolean;
  animate?: boolean;
}

export interface Tui {
  stdout: FakeStdout;
  stdin: FakeStdin;
  instance: Instance;
  /** The last frame without escape codes. */
  frame(): string;
  /** The last frame as written, escape codes included. */
  rawFrame(): string;
  press(...keys: string[]): Promise<void>;
  /** Type text one character at a time. */
  type(text: string): Promise<void>;
  waitForFrame(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  /**
   * A frame written at index `from` of stdout.frames or later that matches: frames come faster than a
   * poll of the last one, so every frame since is looked through. The last frame is preferred (the
   * latest state), then the earliest match since `from`.
   */
  waitForFrameSince(from: number, predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  unmount(): void;
}

/** Let Ink parse input, React commit, effects run and Ink write the frame. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export function lookFor(theme: string | Theme = 'default', unicode = true, animate = false): Look {
  const resolved = typeof theme === 'string' ? (theme === 'mono' ? MONO_THEME : loadTheme(theme).theme) : theme;
  return {
    theme: resolved,
    glyphs: chooseGlyphs(unicode ? { LANG: 'C.UTF-8' } : {}),
    mono: isMono(resolved),
    animate,
  };
}

function assertNoViolations(stdout: FakeStdout): void {
  expect(stdout.violations, 'screen rules broken (width / rows-1)').toEqual([]);
}

/** Render `tree` at the given size (80x24 by default) with a theme, checking every frame. */
export async function renderTui(tree: React.ReactElement, options: RenderOptions = {}): Promise<Tui> {
  const stdout = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
  const stdin = new FakeStdin();
  const look = lookFor(options.theme, options.unicode ?? true, options.animate ?? false);
  const instance = render(<LookProvider look={look}>{tree}</LookProvider>, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await settle();
  const tui: Tui = {
    stdout,
    stdin,
    instance,
    frame: () => stripVTControlCharacters(stdout.lastFrame()),
    rawFrame: () => stdout.lastFrame(),
    async press(...keys) {
      for (const key of keys) {
        stdin.send(keySequence(key));
        await settle();
      }
      assertNoViolations(stdout);
    },
    async type(text) {
      for (const ch of text) {
        stdin.send(ch);
        await settle();
      }
      assertNoViolations(stdout);
    },
    async waitForFrame(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frame = tui.frame();
        if (predicate(frame)) {
          assertNoViolations(stdout);
          return frame;
        }
        if (Date.now() > deadline) throw new Error(`no frame matched within ${timeoutMs} ms; last frame:\n${frame}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async waitForFrameSince(from, predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      let at = from;
      for (;;) {
        if (stdout.frames.length > from && predicate(tui.frame())) return tui.frame();
        for (; at < stdout.frames.length; at++) {
          const frame = stripVTControlCharacters(stdout.frames[at]!);
          if (predicate(frame)) return frame;
        }
        if (Date.now() > deadline) throw new Error(`no frame since ${from} matched within ${timeoutMs} ms; last frame:\n${tui.frame()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async resize(columns, rows) {
      stdout.resize(columns, rows);
      await settle();
      assertNoViolations(stdout);
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
      assertNoViolations(stdout);
    },
  };
  return tui;
}
