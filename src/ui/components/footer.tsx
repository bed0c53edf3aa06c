// The bottom line: the keys that work here, from the keymap via the active registrations.
import React from 'react';
import { Box, Text } from 'ink';
import { keyLabel, keyLabelAscii } from '../keys/key-name.js';
import type { Keymap } from '../keys/keymap.js';
import { useActiveFooter, useKeymap, type FooterItem } from '../keys/key-router.js';
import { useLook } from '../theme/theme-context.js';
import { Tone } from './tone.js';

function toItem(keymap: Keymap, entry: string | FooterItem, ascii: boolean): FooterItem {
  if (typeof entry !== 'string') return entry;
  const b = keymap.binding(entry);
  const label = ascii ? keyLabelAscii : keyLabel;
  // Show at most two keys per command ("q/^C"), the rest are in the help.
  return { keys: b.keys.slice(0, 2).map(label).join('/'), label: b.label };
}

const ALWAYS = ['app.help', 'app.quit'] as const;

const ESC = /(^|\/)(Esc|ESC)(\/|$)/;

/**
 * Esc does one thing at a time: the first (top-most) registration that handles it. Entries further
 * down that also name Esc would promise a second action it does not do, so they are left out.
 */
function oneEsc(items: FooterItem[]): FooterItem[] {
  let seen = false;
  return items.filter((item) => {
    if (!ESC.test(item.keys)) return true;
    if (seen) return false;
    seen = true;
    return true;
  });
}

/** Lay items out left to right until the width is used; the rest is in `?` help. */
function fitFooter(items: FooterItem[], width: number): FooterItem[] {
  const shown: FooterItem[] = [];
  let used = 0;
  for (const item of items) {
    const cost = item.keys.length + 1 + item.label.length + 2;
    if (used + cost > width) break;
    shown.push(item);
    used += cost;
  }
  return shown;
}

export function Footer({ width }: { width: number }) {
  const { glyphs } = useLook();
  const ascii = glyphs.focus === '>';
  const keymap = useKeymap();
  const items = fitFooter(oneEsc(useActiveFooter(ALWAYS).map((e) => toItem(keymap, e, ascii))), width - 1);
  return (
    <Box width="100%" height={1} overflow="hidden">
      {items.map((item) => (
        <Box key={`${item.keys}:${item.label}`} marginRight={2}>
          <Tone tone="key" bold>
            {item.keys}
          </Tone>
          <Text wrap="truncate-end"> {item.label}</Text>
        </Box>
      ))}
    </Box>
  );
}
