// One line above the footer for the latest message (errors, notices, "copied").
import React from 'react';
import { Box } from 'ink';
import type { Message } from '../app/wizard-context.js';
import { useLook } from '../theme/theme-context.js';
import { Tone } from './tone.js';

export function MessageLine({ message }: { message: Message }) {
  const { glyphs } = useLook();
  const mark = message.tone === 'fail' ? glyphs.fail : message.tone === 'warn' ? glyphs.warn : glyphs.info;
  return (
    <Box width="100%" height={1} overflow="hidden">
      <Tone tone={message.tone} bold={message.tone === 'fail'}>
        {mark} {message.text}
      </Tone>
    </Box>
  );
}
