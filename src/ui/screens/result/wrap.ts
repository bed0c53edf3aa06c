// Word wrap for detail pages: long created-by commands and USE lists shown whole, not cut.

/** Break `text` into lines of at most `width` at spaces; longer words are split. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  let rest = text;
  let first = true;
  while (rest.length > 0) {
    const room = first ? w : Math.max(1, w - indent.length);
    if (rest.length <= room) {
      out.push(first ? rest : indent + rest);
      break;
    }
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= 0) cut = room;
    out.push((first ? '' : indent) + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^ +/, '');
    first = false;
  }
  return out.length > 0 ? out : [''];
}
