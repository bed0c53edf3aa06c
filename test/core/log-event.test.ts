import { describe, expect, it } from 'vitest';
import { newLogEvent } from '../../src/core/log-event.js';

describe('newLogEvent', () => {
  it('makes a plain object, fields in the order set, like the literal it stands for', () => {
    const e = newLogEvent('>>> Emerging (1 of 1) app-misc/hello-2.12.1');
    e.stream = 'stdout';
    e.t = 5;
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(e).toStrictEqual({ type: 'log', text: '>>> Emerging (1 of 1) app-misc/hello-2.12.1', stream: 'stdout', t: 5 });
    expect(JSON.stringify(e)).toBe('{"type":"log","text":">>> Emerging (1 of 1) app-misc/hello-2.12.1","stream":"stdout","t":5}');
    expect({ ...e }).toStrictEqual(e);
  });
});
