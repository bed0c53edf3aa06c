// The lines above the footer for the latest message (errors, notices, "copied"). A long message
// (an engine error with ids and names) wraps over several rows instead of being cut at the edge.
import React from 'react';
import type { Message } from './wizard-context.js';
import { useLook } from '../theme/theme-context.js';
import type { Glyphs } from '../../core/glyphs.js';
import { WrappedText, wrappedRows } from '../components/wrapped-text.js';

function markOf(message: Message, glyphs: Glyphs): string {
  return message.tone === 'fail' ? glyphs.fail : message.tone === 'warn' ? glyphs.warn : glyphs.info;
}

/** Rows the message takes at `width`, at most `maxRows` (the shell gives the rest to the screen). */
export function messageRows(message: Message, glyphs: Glyphs, width: number, maxRows: number): number {
  return wrappedRows(`${markOf(message, glyphs)} ${message.text}`, width, maxRows, '  ').length;
}

export function MessageLine({ message, width, maxRows }: { message: Message; width: number; maxRows: number }) {
  const { glyphs } = useLook();
  return <WrappedText text={`${markOf(message, glyphs)} ${message.text}`} width={width} maxRows={maxRows} indent="  " tone={message.tone} bold={message.tone === 'fail'} />;
}
