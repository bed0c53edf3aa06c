// `gentoo-wb export` options: compression names and the --gzip alias, SBOM format by flag or file
// name, the files beside the archive, and the usage mistakes (exit 2) said plainly.
import { describe, expect, it } from 'vitest';
import { exportRequestFrom } from '../../src/commands/export.js';
import { register as registerExport } from '../../src/commands/export.js';
import { runCli } from './helpers/cli.js';

describe('exportRequestFrom', () => {
  it('reads compression, keeping --gzip as an alias', () => {
    expect(exportRequestFrom('img', { output: 'a.tar' }).compression).toBe('none');
    expect(exportRequestFrom('img', { output: 'a.tar', gzip: true }).compression).toBe('gzip');
    expect(exportRequestFrom('img', { output: 'a.tar', compress: 'ZSTD' }).compression).toBe('zstd');
    expect(exportRequestFrom('img', { output: 'a.tar', gzip: true, compress: 'gzip' }).compression).toBe('gzip');
    expect(() => exportRequestFrom('img', { output: 'a.tar', compress: 'xz' })).toThrow('--compress takes gzip or zstd, not "xz"');
    expect(() => exportRequestFrom('img', { output: 'a.tar', gzip: true, compress: 'zstd' })).toThrow(/contradict/);
  });

  it('chooses the SBOM format by flag or by the file name', () => {
    expect(exportRequestFrom('img', { output: 'a.tar', sbom: 'a.cdx.json' }).sbom).toEqual({ file: 'a.cdx.json', format: 'cyclonedx' });
    expect(exportRequestFrom('img', { output: 'a.tar', sbom: 'a.spdx.json' }).sbom).toEqual({ file: 'a.spdx.json', format: 'spdx' });
    expect(exportRequestFrom('img', { output: 'a.tar', sbom: 'a.json', sbomFormat: 'spdx' }).sbom?.format).toBe('spdx');
    expect(() => exportRequestFrom('img', { output: 'a.tar', sbom: 'a.json', sbomFormat: 'swid' })).toThrow(/cyclonedx or spdx/);
    expect(() => exportRequestFrom('img', { output: 'a.tar', sbomFormat: 'spdx' })).toThrow('--sbom-format needs --sbom FILE');
  });

  it('keeps the beside files and refuses to write two things to one file', () => {
    expect(exportRequestFrom('img', { output: 'a.tar', dockerfile: 'Dockerfile', recipe: 'r.json', flatten: true })).toMatchObject({ dockerfile: 'Dockerfile', recipe: 'r.json', flatten: true, sbom: null });
    expect(() => exportRequestFrom('img', { output: 'a.tar', recipe: 'a.tar' })).toThrow(/must be different files/);
    expect(() => exportRequestFrom('img', {})).toThrow('export needs -o FILE');
    expect(() => exportRequestFrom('img', { output: '-' })).toThrow(/stdout is not supported/);
  });

  it('exits 2 on a usage mistake before connecting anywhere', async () => {
    const result = await runCli([registerExport], ['-H', 'tcp://127.0.0.1:1', 'export', 'img', '-o', 'x.tar', '--compress', 'lz4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--compress takes gzip or zstd, not "lz4"');
  });
});
