// Word wrap for detail views: long fix commands, created-by lines and USE lists are shown whole at
// 80 columns, never cut.

/** Break `text` into lines of at most `width` at spaces; words longer than a line are split. */
export function wrapLine(text: string, width: number, indent = ''): string[] {
  const w = Math.max(1, width);
  if (text.length <= w) return [text];
  const out: string[] = [];
  let rest = text;
  let first = true;
  while (rest.length > 0) {
    const prefix = first ? '' : indent;
    const room = Math.max(1, w - prefix.length);
    if (rest.length <= room) {
      out.push(prefix + rest);
      break;
    }
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= 0) cut = room; // one long word (a path, a base64 blob): split it
    out.push(prefix + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^ +/, '');
    first = false;
  }
  return out.length > 0 ? out : [''];
}
