// Splits a stream of text into lines incrementally. Chunks may end anywhere: inside a line, between
// `\r` and `\n`, or inside the VT100 next-line sequence `\eE`. On a TTY Portage redraws its Jobs
// line with `\r\e[K` and no newline for a long time, so a `\r` (not followed by `\n`) also ends a
// line here; otherwise those updates would only arrive at the next newline.

export interface LineSplitter {
  /** Feeds a chunk; returns the lines it completed (without terminators). */
  push(chunk: string): string[];
  /** Returns whatever is still pending as a last line. */
  end(): string[];
  /** True when no partial line is pending. */
  idle(): boolean;
}

/** Lines longer than this are cut into pieces so memory stays bounded on garbage input. */
const MAX_PENDING_LINE = 1 << 20;

function pushSegment(segment: string, out: string[]): void {
  if (segment.indexOf('\r') < 0) {
    out.push(segment);
    return;
  }
  for (const piece of segment.split('\r')) if (piece.length > 0) out.push(piece);
}

/** Creates an incremental splitter on `\n`, `\r\n`, lone `\r` and `\eE`. */
export function createLineSplitter(maxLine = MAX_PENDING_LINE): LineSplitter {
  let pending = '';
  return {
    push(chunk: string): string[] {
      let buf = pending.length === 0 ? chunk : pending + chunk;
      // `\eE` (next line) moves the cursor like a newline; a trailing `\e` waits for the next chunk.
      if (buf.indexOf('\x1bE') >= 0) buf = buf.replace(/\x1bE/g, '\n');
      const out: string[] = [];
      let start = 0;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
        const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        pushSegment(buf.slice(start, end), out);
        start = nl + 1;
      }
      let rest = start === 0 ? buf : buf.slice(start);
      if (rest.length > 0) {
        // A `\r` as the very last character may be half of `\r\n`.
        const cut = rest.length >= 2 ? rest.lastIndexOf('\r', rest.length - 2) : -1;
        if (cut >= 0) {
          // Only a newline makes an empty line; text before a redraw was already emitted.
          if (cut > 0) pushSegment(rest.slice(0, cut), out);
          rest = rest.slice(cut + 1);
        }
        while (rest.length > maxLine) {
          out.push(rest.slice(0, maxLine));
          rest = rest.slice(maxLine);
        }
      }
      pending = rest;
      return out;
    },
    idle(): boolean {
      return pending.length === 0;
    },
    end(): string[] {
      const rest = pending.endsWith('\r') ? pending.slice(0, -1) : pending;
      pending = '';
      if (rest.length === 0) return [];
      const out: string[] = [];
      pushSegment(rest, out);
      return out;
    },
  };
}
