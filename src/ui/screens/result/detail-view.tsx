// A scrollable page of lines (a layer's or a package's detail); Esc / h / Backspace goes back.
import React, { useState } from 'react';
import { ScrollLines, scrollBody, type TextLine } from '../../components/text-lines/text-lines.js';
import { useCommands } from '../../keys/key-router.js';

export type DetailLine = TextLine;

export interface DetailViewProps {
  lines: readonly DetailLine[];
  width: number;
  height: number;
  /** Esc / h / Backspace; without it the page only scrolls. */
  onBack?: () => void;
}

export function DetailView({ lines, width, height, onBack }: DetailViewProps) {
  const scrolls = lines.length > height;
  const body = scrollBody(lines.length, height);
  const [top, setTop] = useState(0);
  const maxTop = Math.max(0, lines.length - body);
  const move = (d: number) => setTop((t) => Math.max(0, Math.min(maxTop, t + d)));
  useCommands(
    'pane',
    {
      'move.up': () => move(-1),
      'move.down': () => move(1),
      'move.pageUp': () => move(-body),
      'move.pageDown': () => move(body),
      'move.top': () => setTop(0),
      'move.bottom': () => setTop(maxTop),
      'app.back': onBack,
    },
    { footer: onBack ? [{ keys: '↑↓', label: 'scroll' }, { keys: 'Esc/h', label: 'back' }] : scrolls ? [{ keys: '↑↓', label: 'scroll' }] : [] },
  );
  return <ScrollLines lines={lines} top={top} width={width} height={height} />;
}
