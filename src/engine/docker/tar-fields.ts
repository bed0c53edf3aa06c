// Fields of a tar header block and PAX records, read the way Go's archive/tar, GNU tar and tar-stream
// write them: the one reader of raw tar bytes for the header scanner (inspect) and the flatten filter.

/** A NUL-terminated string field of a header block. */
export function cString(buf: Buffer, start: number, length: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
}

/** A numeric header field: octal text, or GNU base-256 (high bit of the first byte set) for large values. */
export function octal(buf: Buffer, start: number, length: number): number {
  if (buf[start]! & 0x80) {
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + buf[i]!;
    return value;
  }
  const text = cString(buf, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** PAX extended header records (`LEN key=value\n`). */
export function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space < 0) break;
    const len = parseInt(body.toString('ascii', pos, space), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = body.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}
