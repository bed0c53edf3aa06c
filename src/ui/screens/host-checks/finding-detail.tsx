// One finding in full: wrapped to the width, scrollable when longer than the pane.
import React from 'react';
import { ScrollLines, type TextLine } from '../../components/text-lines/text-lines.js';

export interface FindingDetailProps {
  lines: readonly TextLine[];
  top: number;
  width: number;
  height: number;
}

export function FindingDetail({ lines, top, width, height }: FindingDetailProps) {
  return <ScrollLines lines={lines} top={top} width={width} height={height} paddingX={1} />;
}
