// Where the log window stands: following the end (the default), or parked on a line that stays put
// while new lines arrive and old ones drop out of the scrollback (an xterm marker keeps it).
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { LineAnchor, LogTerminal } from './log-terminal.js';

export interface LogScroll {
  top: number;
  follow: boolean;
  /** Lines the log holds now. */
  length: number;
  scrollBy(delta: number): void;
  /** Park the window with `line` at its top (follow off). */
  scrollTo(line: number): void;
  /** Back to the end; follow on. */
  toBottom(): void;
}

/** Scroll state of `terminal` shown in a window of `height` lines. */
export function useLogScroll(terminal: LogTerminal, height: number): LogScroll {
  const [follow, setFollow] = useState(true);
  const anchor = useRef<LineAnchor | null>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    setFollow(true);
    return () => {
      anchor.current?.dispose();
      anchor.current = null;
    };
  }, [terminal]);

  const length = terminal.length;
  const maxTop = Math.max(0, length - height);
  const parked = anchor.current ? anchor.current.line() : 0;
  const top = follow ? maxTop : Math.min(maxTop, Math.max(0, parked));

  const scrollTo = useCallback(
    (line: number) => {
      anchor.current?.dispose();
      anchor.current = terminal.anchor(Math.max(0, Math.min(line, Math.max(0, terminal.length - height))));
      setFollow(false);
      redraw();
    },
    [terminal, height],
  );
  const toBottom = useCallback(() => {
    anchor.current?.dispose();
    anchor.current = null;
    setFollow(true);
  }, []);
  // A log that names where it should open (a failed package's first error line) opens there once.
  const opening = terminal.opening;
  const opened = useRef<LineAnchor | null>(null);
  useEffect(() => {
    if (!opening || opened.current === opening || opening.line() < 0) return;
    opened.current = opening;
    scrollTo(opening.line());
  }, [opening, scrollTo, length]);
  const scrollBy = useCallback((delta: number) => scrollTo(top + delta), [scrollTo, top]);

  return { top, follow, length, scrollBy, scrollTo, toBottom };
}
