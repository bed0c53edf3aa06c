import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../../src/core/events.js';
import type { BuildPlan } from '../../../src/core/plan/plan-types.js';
import { followOutput } from '../../../src/engine/build/follow-output.js';

const T = (n: number, text: string) => `2026-11-23T05:00:0${n}.000000000Z ${text}\n`;

/** An engine whose follow of the log ends after `followed` and whose tail of the log then holds `tail`. */
function engineEndingEarly(followed: string, tail: string): Dockerode {
  const frame = (text: string) => {
    const data = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = 1;
    header.writeUInt32BE(data.length, 4);
    return text === '' ? Buffer.alloc(0) : Buffer.concat([header, data]);
  };
  const modem = {
    dial: (o: { options: { _query: { follow?: boolean } } }, cb: (err: Error | null, data: unknown) => void) => cb(null, Readable.from([frame(o.options._query.follow ? followed : tail)])),
  };
  return { modem } as unknown as Dockerode;
}

/** The text followOutput delivers when the follow gave `followed` and the log's tail is `tail`. */
async function delivered(followed: string, tail: string): Promise<string> {
  let text = '';
  await followOutput(engineEndingEarly(followed, tail), 'c0ffee', { plan: PLAN, onEvents: () => undefined, onText: (t) => (text += t), signal: new AbortController().signal });
  return text;
}

describe('followOutput after a follow that ended early: the tail of the log adds what it did not deliver', () => {
  it('is what comes after the last line the follow gave', async () => {
    const seen = T(1, 'a') + T(2, 'b');
    expect(await delivered(seen, T(1, 'a') + T(2, 'b') + T(3, '@@gentoo-wb done'))).toBe(seen + T(3, '@@gentoo-wb done'));
    expect(await delivered(seen, T(2, 'b'))).toBe(seen);
  });

  it('continues an unfinished line without repeating its start', async () => {
    const seen = T(1, 'a') + '2026-11-23T05:00:02.000000000Z half';
    expect(await delivered(seen, T(1, 'a') + T(2, 'half line') + T(3, 'c'))).toBe(T(1, 'a') + T(2, 'half line') + T(3, 'c'));
  });

  it('asks for no tail when the follow gave the runner\'s last line, which nothing follows', async () => {
    const engine = engineEndingEarly(T(1, 'a') + T(2, '@@gentoo-wb done'), T(3, 'never asked for'));
    const asked: boolean[] = [];
    const dial = engine.modem.dial.bind(engine.modem);
    engine.modem.dial = ((o: { options: { _query: { follow?: boolean } } }, cb: never) => {
      asked.push(o.options._query.follow === true);
      return dial(o as never, cb);
    }) as typeof engine.modem.dial;
    let text = '';
    const end = await followOutput(engine, 'c0ffee', { plan: PLAN, onEvents: () => undefined, onText: (t) => (text += t), signal: new AbortController().signal });
    expect(end).toEqual({ kind: 'ended', sawDone: true });
    expect(asked).toEqual([true]);
    expect(text).toBe(T(1, 'a') + T(2, '@@gentoo-wb done'));
  });

  it('adds nothing when the last line is not in the tail, and everything when the follow gave nothing', async () => {
    expect(await delivered(T(1, 'gone'), T(5, 'x'))).toBe(T(1, 'gone'));
    expect(await delivered('', T(1, 'a'))).toBe(T(1, 'a'));
  });
});

/** An engine whose log endpoint answers with `lines` as multiplexed stdout frames, one per line. */
function engineWithLog(lines: string[]): Dockerode {
  const frames = () =>
    Buffer.concat(
      lines.map((l) => {
        const data = Buffer.from(`${l}\n`);
        const header = Buffer.alloc(8);
        header[0] = 1;
        header.writeUInt32BE(data.length, 4);
        return Buffer.concat([header, data]);
      }),
    );
  const modem = { dial: (_o: unknown, cb: (err: Error | null, data: unknown) => void) => cb(null, Readable.from([frames()])) };
  return { modem } as unknown as Dockerode;
}

const PLAN = { steps: [{ id: 'emerge', title: 'emerge', output: 'emerge' }] } as unknown as BuildPlan;

async function replay(lines: string[]): Promise<BuildEvent[]> {
  const events: BuildEvent[] = [];
  const end = await followOutput(engineWithLog(lines), 'c0ffee', { plan: PLAN, onEvents: (e) => events.push(...e), signal: new AbortController().signal });
  expect(end).toEqual({ kind: 'ended', sawDone: true });
  return events;
}

describe('followOutput: a replay keeps the times of its lines', () => {
  const at = (s: number) => Date.parse('2026-11-23T05:00:00Z') + s * 1000;

  it('reads engines that stamp lines with a local offset (+01:00) as the same instants', async () => {
    const events = await replay([
      '2026-11-23T06:00:00.000000000+01:00 @@gentoo-wb step-start 01-emerge',
      '2026-11-23T06:00:05.250000000+01:00 >>> Emerging (1 of 2) dev-libs/expat-2.6.4::gentoo',
      '2026-11-23T06:01:40+01:00 >>> Emerging (2 of 2) app-misc/hello-2.12.1::gentoo',
      '2026-11-23T05:02:00.000000000Z @@gentoo-wb step-end 01-emerge 0',
      '2026-11-23T05:02:00.000000000Z @@gentoo-wb done',
    ]);
    const started = events.filter((e) => e.type === 'started').map((e) => [e.type === 'started' ? e.cpv : '', e.t]);
    expect(started).toEqual([
      ['dev-libs/expat-2.6.4', at(5.25)],
      ['app-misc/hello-2.12.1', at(100)],
    ]);
  });

  it('gives events flushed at the end of the output the time of the last line, not none', async () => {
    const events = await replay([
      '2026-11-23T05:00:00.000000000Z @@gentoo-wb step-start 01-emerge',
      '2026-11-23T05:00:03.000000000Z >>> Emerging (1 of 1) dev-util/brokentool-0.9::gentoo',
      '2026-11-23T05:00:09.000000000Z >>> Failed to emerge dev-util/brokentool-0.9, Log file:',
      '2026-11-23T05:00:10.000000000Z @@gentoo-wb done',
    ]);
    expect(events.find((e) => e.type === 'failed')).toMatchObject({ cpv: 'dev-util/brokentool-0.9', t: at(10) });
    expect(events.every((e) => typeof e.t === 'number')).toBe(true);
  });
});
