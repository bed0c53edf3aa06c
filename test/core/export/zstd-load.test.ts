import { expect, it } from 'vitest';
import { zstdLoadWarning } from '../../../src/core/export/zstd-load.js';

it('warns that Docker before 23.0 cannot load a zstd archive, and only then', () => {
  expect(zstdLoadWarning({ kind: 'docker', version: '20.10.24+dfsg1' })).toMatch(/Docker 20\.10\.24\+dfsg1, which cannot load zstd archives .*--compress gzip/);
  expect(zstdLoadWarning({ kind: 'docker', version: '23.0.1' })).toBeNull();
  expect(zstdLoadWarning({ kind: 'docker', version: '28.2.2' })).toBeNull();
  expect(zstdLoadWarning({ kind: 'podman', version: '4.3.1' })).toBeNull();
});
