// The build output's ring: lines kept as bytes, bounded in lines and bytes, handed to a terminal as bytes.
import { describe, expect, it } from 'vitest';
import { LineRing } from '../../../../src/ui/components/log-view/line-ring.js';

const kept = (ring: LineRing) => ring.slice(0, ring.size);

describe('LineRing', () => {
  it('keeps the last `capacity` lines in order and counts every line pushed', () => {
    const ring = new LineRing(3);
    for (const l of ['a', 'b', 'c', 'd', 'e']) ring.push(l);
    expect(kept(ring)).toEqual(['c', 'd', 'e']);
    expect(ring.size).toBe(3);
    expect(ring.total).toBe(5);
    expect(ring.at(0)).toBe('c');
    expect(ring.at(3)).toBeUndefined();
    expect(ring.slice(1, 10)).toEqual(['d', 'e']);
  });

  it('gives a run of lines as UTF-8 bytes, a newline after each, copied out of the ring', () => {
    const ring = new LineRing(10);
    for (const l of ['émerge', '', '\x1b[32m>>>\x1b[0m ok', '日本語']) ring.push(l);
    const bytes = ring.bytes(0, 4);
    expect(bytes.toString('utf8')).toBe('émerge\n\n\x1b[32m>>>\x1b[0m ok\n日本語\n');
    expect(ring.bytes(1, 3).toString('utf8')).toBe('\n\x1b[32m>>>\x1b[0m ok\n');
    expect(ring.bytes(3, 3).length).toBe(0);
    for (let i = 0; i < 20; i++) ring.push(`overwrite ${i}`);
    expect(bytes.toString('utf8')).toBe('émerge\n\n\x1b[32m>>>\x1b[0m ok\n日本語\n');
  });

  it('wraps its bytes round the buffer end and drops the oldest lines when the byte bound is reached', () => {
    // 64 bytes: lines of 10 bytes (9 + newline) fit six at a time; a line straddles the end.
    const ring = new LineRing(100, 64);
    const lines = Array.from({ length: 40 }, (_, i) => `line-${String(i).padStart(4, '0')}`);
    for (const l of lines) {
      ring.push(l);
      expect(kept(ring)).toEqual(lines.slice(0, lines.indexOf(l) + 1).slice(-6));
      expect(ring.bytes(0, ring.size).toString()).toBe(kept(ring).map((k) => `${k}\n`).join(''));
    }
    expect(ring.total).toBe(40);
  });

  it('grows its buffer as lines need, up to the byte bound, keeping every line', () => {
    const ring = new LineRing(5000);
    const long = 'x'.repeat(1000);
    for (let i = 0; i < 2000; i++) ring.push(`${i} ${long}`);
    expect(ring.size).toBe(2000);
    expect(ring.at(0)).toBe(`0 ${long}`);
    expect(ring.at(1999)).toBe(`1999 ${long}`);
  });

  it('cuts a line longer than the byte bound at a character boundary', () => {
    const ring = new LineRing(10, 16);
    ring.push('ab');
    ring.push('ééééééééééé');
    expect(kept(ring)).toEqual(['ééééééé']);
    expect(ring.bytes(0, 1).toString()).toBe('ééééééé\n');
  });

  it('clear forgets every line and the count, and tells its listeners', () => {
    const ring = new LineRing(4, 32);
    let told = 0;
    const stop = ring.subscribe(() => told++);
    for (const l of ['one', 'two', 'three', 'four', 'five']) ring.push(l);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.total).toBe(0);
    ring.push('again');
    expect(kept(ring)).toEqual(['again']);
    stop();
    ring.push('unheard');
    expect(told).toBe(7);
  });
});
