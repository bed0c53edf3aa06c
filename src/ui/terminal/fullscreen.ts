// Alternate screen in, and everything put back on the way out: cursor visible, main screen, no
// half-drawn frame left behind, whatever way the process ends.
const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?1049l\x1b[?25h';

export interface Fullscreen {
  /** Draw `text` from the top-left corner of an empty screen. */
  draw(text: string): void;
  /** Empty the screen and put the cursor home, where Ink starts its first frame. */
  clear(): void;
  restore(): void;
}

/** Switch to the alternate screen; `restore` is idempotent and also runs on process exit. */
export function enterFullscreen(out: NodeJS.WriteStream): Fullscreen {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    out.write(LEAVE);
  };
  out.write(ENTER);
  process.on('exit', restore);
  const clear = () => {
    if (!restored) out.write('\x1b[H\x1b[2J');
  };
  return {
    restore,
    clear,
    draw: (text) => {
      clear();
      if (!restored) out.write(text);
    },
  };
}
