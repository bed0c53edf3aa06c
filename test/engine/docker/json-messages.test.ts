// Reading the engines' JSON message streams across arbitrary chunk boundaries.
import { describe, expect, it } from 'vitest';
import { readJsonMessages } from '../../../src/engine/docker/json-messages.js';

async function collect(chunks: string[]) {
  const out = [];
  for await (const m of readJsonMessages((async function* () { yield* chunks.map((c) => Buffer.from(c)); })())) out.push(m);
  return out;
}

describe('readJsonMessages', () => {
  it('splits newline-separated and back-to-back objects, even mid-string', async () => {
    const text = '{"status":"Pulling fs layer","id":"a1b2c3d4e5f6"}\r\n{"status":"brace } in \\"string\\"","id":"x"}{"stream":"Loaded image: a:1\\n"}\n';
    for (let cut = 1; cut < text.length; cut += 7) {
      const msgs = await collect([text.slice(0, cut), text.slice(cut)]);
      expect(msgs).toEqual([
        { status: 'Pulling fs layer', id: 'a1b2c3d4e5f6' },
        { status: 'brace } in "string"', id: 'x' },
        { stream: 'Loaded image: a:1\n' },
      ]);
    }
  });

  it('lifts errorDetail into error and reports unreadable text', async () => {
    expect(await collect(['{"errorDetail":{"message":"manifest unknown"}}'])).toEqual([{ errorDetail: { message: 'manifest unknown' }, error: 'manifest unknown' }]);
    expect((await collect(['{"a":1}', 'garbage']))[1]?.error).toMatch(/unreadable answer from the engine: garbage/);
  });

  it('keeps an unfinished object for the next chunk', async () => {
    expect(await collect(['{"a":1}\n{"b":', '2}\n  '])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(await collect(['{"a":1}\n  ', '{"b":"x\\"}', '{"}\n'])).toEqual([{ a: 1 }, { b: 'x"}{' }]);
  });
});
