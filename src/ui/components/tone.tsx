// Text in a semantic tone. In mono the tone falls back to a style that survives without colour.
import React from 'react';
import { Text, type TextProps } from 'ink';
import type { ColorToken } from '../../core/theme.js';
import { sanitizeText } from '../../core/format/sanitize.js';
import { useLook } from '../theme/theme-context.js';

export interface ToneProps extends Omit<TextProps, 'color'> {
  tone?: ColorToken;
  children?: React.ReactNode;
}

const MONO_STYLE: Partial<Record<ColorToken, Pick<TextProps, 'bold' | 'dimColor' | 'underline'>>> = {
  title: { bold: true },
  fail: { bold: true },
  key: { bold: true },
};

/**
 * `<Tone tone="pass">ok</Tone>`: coloured by the theme, truncated (never wrapped) by default. Text
 * children are made safe to print: much of what is drawn comes from outside (labels, messages).
 */
export function Tone({ tone, children, wrap = 'truncate-end', ...rest }: ToneProps) {
  const { theme, mono } = useLook();
  const color = tone ? theme.colors[tone] ?? undefined : undefined;
  const monoStyle = mono && tone ? MONO_STYLE[tone] : undefined;
  return (
    <Text color={color} wrap={wrap} {...monoStyle} {...rest}>
      {React.Children.map(children, (c) => (typeof c === 'string' ? sanitizeText(c) : c))}
    </Text>
  );
}
