import { describe, expect, it } from 'vitest';
import { stripAnsi, splitTerminalLines, applyBackspaces } from '../../../src/core/portage/terminal-text.js';

describe('terminal text', () => {
  it('removes colours, cursor modes, titles and stray escapes', () => {
    expect(stripAnsi('[\x1b[32mebuild\x1b[39;49;00m  \x1b[32;01mN\x1b[39;49;00m     ]')).toBe('[ebuild  N     ]');
    expect(stripAnsi('\x1b]0;host: emerge\x07\x1b[?25hDependency')).toBe('Dependency');
    expect(stripAnsi('a\x1b]0;unterminated title')).toBe('a');
    expect(stripAnsi('x\x1b(By\x1b')).toBe('xy');
  });
  it('keeps what the terminal finally shows', () => {
    expect(splitTerminalLines('Calculating dependencies \x1b[?25l\rCalculating dependencies ... done!\x1b[K\r\n')).toEqual(['Calculating dependencies ... done!']);
    expect(applyBackspaces('Calculating dependencies  \b\b... done!')).toBe('Calculating dependencies... done!');
    expect(splitTerminalLines('a\r\nb\x1bEc\n')).toEqual(['a', 'b', 'c']);
  });
});
