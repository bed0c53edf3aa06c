// Atomic writes: the final name appears only complete; failures leave nothing behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStreamAtomically } from '../../../src/engine/docker/atomic-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeStreamAtomically', () => {
  it('writes and renames, reporting progress', async () => {
    const sub = mkdtempSync(path.join(dir, 'ok-'));
    const progress: number[] = [];
    const result = await writeStreamAtomically(Readable.from([Buffer.from('abc'), Buffer.from('def')]), path.join(sub, 'f.tar'), { onProgress: (p) => progress.push(p.bytes), totalBytes: 6 });
    expect(result).toEqual({ file: path.join(sub, 'f.tar'), sourceBytes: 6, fileBytes: 6 });
    expect(readFileSync(path.join(sub, 'f.tar'), 'utf8')).toBe('abcdef');
    expect(progress.at(-1)).toBe(6);
    expect(readdirSync(sub)).toEqual(['f.tar']);
  });

  it('removes the temporary file when the source breaks mid-way', async () => {
    const sub = mkdtempSync(path.join(dir, 'broken-'));
    async function* broken() {
      yield Buffer.alloc(100_000, 1);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    await expect(writeStreamAtomically(Readable.from(broken()), path.join(sub, 'f.tar'), { action: 'save x' })).rejects.toMatchObject({ kind: 'no-engine', message: expect.stringContaining('save x') });
    expect(readdirSync(sub)).toEqual([]);
  });

  it('keeps an existing file when the new write fails', async () => {
    const sub = mkdtempSync(path.join(dir, 'keep-'));
    const target = path.join(sub, 'f.tar');
    await writeStreamAtomically(Readable.from([Buffer.from('old')]), target);
    const controller = new AbortController();
    controller.abort();
    await expect(writeStreamAtomically(Readable.from([Buffer.from('new')]), target, { signal: controller.signal })).rejects.toMatchObject({ kind: 'aborted' });
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(sub)).toEqual(['f.tar']);
  });
});
