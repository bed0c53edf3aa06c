// The `/` line under the table: the query being typed, or the matches of the last one.
import React from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';

export interface SearchPromptProps {
  query: string;
  editing: boolean;
  matches: number;
  width: number;
}

export function SearchPrompt({ query, editing, matches, width }: SearchPromptProps) {
  const result = query.trim() === '' ? '' : matches === 0 ? '  no match' : `  ${matches} match${matches === 1 ? '' : 'es'}${editing ? '' : ' (n/N next/prev, / new search)'}`;
  return (
    <Box height={1} width={width} overflow="hidden">
      <Tone tone="key" bold>/</Tone>
      <Text inverse={editing}>{`${query}${editing ? ' ' : ''}`}</Text>
      <Tone tone={matches === 0 && query ? 'warn' : 'muted'}>{`${result}${editing ? '  Enter find · Esc cancel' : ''}`}</Tone>
    </Box>
  );
}
