// The engines answer long operations (pull, import, load) with a stream of JSON objects, one per
// line (Docker) or back to back (some Podman versions). This reads them one by one.

/** One progress/status message as the engines send it. */
export interface JsonMessage {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  /** Set when the operation failed; the stream then ends. */
  error?: string;
  errorDetail?: { message?: string };
  aux?: Record<string, unknown>;
}

/** Yield each JSON object in the stream; a malformed object is reported as an error message. */
export async function* readJsonMessages(stream: AsyncIterable<Buffer | string>): AsyncGenerator<JsonMessage> {
  let buffer = '';
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let objects: string[];
    [objects, buffer] = splitObjects(buffer);
    for (const text of objects) yield parse(text);
  }
  const rest = buffer.trim();
  if (rest !== '') yield parse(rest);
}

function parse(text: string): JsonMessage {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return { status: String(value) };
    const msg = value as JsonMessage;
    if (msg.errorDetail?.message && !msg.error) msg.error = msg.errorDetail.message;
    return msg;
  } catch {
    return { error: `unreadable answer from the engine: ${text.slice(0, 200)}` };
  }
}

/** Split complete top-level JSON objects off the front of `text` (tracking strings and nesting). */
function splitObjects(text: string): [string[], string] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let consumed = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0 && start >= 0) {
        out.push(text.slice(start, i + 1));
        consumed = i + 1;
        start = -1;
      }
    }
  }
  const rest = depth > 0 && start >= 0 ? text.slice(start) : text.slice(consumed);
  // Whitespace between objects (Docker's newlines) is not part of the next one.
  return [out, rest.trim() === '' ? '' : rest];
}
