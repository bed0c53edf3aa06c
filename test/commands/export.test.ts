// `gentoo-wb export` options: compression names, the --gzip alias and the file name's extension, SBOM
// format by flag or file name, the files beside the archive, outputs checked before any work (missing
// folder, a folder as -o, existing files without --force), and the usage mistakes (exit 2) said plainly.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRequestFrom } from '../../src/commands/export-request.js';
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

  it('compresses as the archive name says when no option says otherwise, and refuses a name that contradicts the option', () => {
    expect(exportRequestFrom('img', { output: 'a.tar.gz' }).compression).toBe('gzip');
    expect(exportRequestFrom('img', { output: 'a.tgz' }).compression).toBe('gzip');
    expect(exportRequestFrom('img', { output: 'a.tar.zst' }).compression).toBe('zstd');
    expect(exportRequestFrom('img', { output: 'a.tar.gz', gzip: true }).compression).toBe('gzip');
    expect(() => exportRequestFrom('img', { output: 'a.tar.gz', compress: 'zstd' })).toThrow('a.tar.gz names a gzip file but --compress zstd was asked for');
    expect(() => exportRequestFrom('img', { output: 'a.tar.zst', compress: 'none' })).toThrow(/names a zstd file/);
  });

  it('checks every output before any work: missing or read-only folder, a folder as the file, existing files only with --force', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-export-out-'));
    writeFileSync(path.join(dir, 'old.tar'), 'x');
    writeFileSync(path.join(dir, 'recipe.json'), '{}');
    mkdirSync(path.join(dir, 'sub'));
    const at = (f: string) => path.join(dir, f);
    expect(() => exportRequestFrom('img', { output: at('missing/a.tar') })).toThrow(`cannot write the archive ${at('missing/a.tar')}: the folder ${at('missing')} does not exist`);
    expect(() => exportRequestFrom('img', { output: at('a.tar'), sbom: '/missing/dir/f.json' })).toThrow('cannot write the SBOM /missing/dir/f.json: the folder /missing/dir does not exist');
    expect(() => exportRequestFrom('img', { output: at('sub') })).toThrow(/it is a folder; give a file name/);
    expect(() => exportRequestFrom('img', { output: at('old.tar') })).toThrow(`${at('old.tar')} exists; add --force to replace it`);
    expect(() => exportRequestFrom('img', { output: at('a.tar'), recipe: at('recipe.json') })).toThrow(/recipe\.json exists; add --force/);
    expect(exportRequestFrom('img', { output: at('old.tar'), recipe: at('recipe.json'), force: true }).output).toBe(at('old.tar'));
    if (process.getuid?.() !== 0) {
      chmodSync(at('sub'), 0o500);
      expect(() => exportRequestFrom('img', { output: at('sub/a.tar') })).toThrow(/is not writable/);
    }
    // Nothing was written by the checks.
    expect(readdirSync(dir).sort()).toEqual(['old.tar', 'recipe.json', 'sub']);
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
    expect(() => exportRequestFrom('img', { output: 'a.tar', recipe: './a.tar' })).toThrow(/must be different files/);
    expect(() => exportRequestFrom('img', {})).toThrow('export needs -o FILE');
    expect(() => exportRequestFrom('img', { output: '-' })).toThrow(/stdout is not supported/);
  });

  it('exits 2 on a usage mistake before connecting anywhere', async () => {
    const result = await runCli([registerExport], ['-H', 'tcp://127.0.0.1:1', 'export', 'img', '-o', 'x.tar', '--compress', 'lz4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--compress takes gzip or zstd, not "lz4"');
  });
});
