// What the export and tag prompts accept and what they turn into.
import { describe, expect, it } from 'vitest';
import { archiveNameProblem, defaultArchiveName, exportRequestFor, tagsFrom, tagsProblem } from '../../../../src/ui/screens/result/export-plan.js';

describe('export prompt', () => {
  it('takes the compression from the name and puts the files beside the archive', () => {
    expect(exportRequestFor(' out/web.tar.gz ', { flatten: false, hasBuild: true })).toEqual({
      output: 'out/web.tar.gz', flatten: false, compression: 'gzip', recipe: 'out/web.recipe.json', dockerfile: 'out/web.Dockerfile', sbom: { file: 'out/web.cdx.json', format: 'cyclonedx' },
    });
    expect(exportRequestFor('w.tgz', { flatten: true, hasBuild: false })).toMatchObject({ compression: 'gzip', flatten: true, recipe: null, dockerfile: null, sbom: { file: 'w.cdx.json' } });
    expect(exportRequestFor('w.tar.zst', { flatten: false, hasBuild: false }).compression).toBe('zstd');
    expect(exportRequestFor('w.tar', { flatten: false, hasBuild: false }).compression).toBe('none');
  });
  it('explains names it cannot use', () => {
    expect(archiveNameProblem('')).toMatchObject({ message: 'type the archive file name' });
    expect(archiveNameProblem('out/')).toMatchObject({ message: 'that is a folder: add a file name', offset: 3 });
    expect(archiveNameProblem('web.zip')).toMatchObject({ offset: 3, length: 4 });
    expect(archiveNameProblem('web.tar.zst')).toBeNull();
  });
  it('suggests a file-safe default name', () => {
    expect(defaultArchiveName('registry:5000/example/web:1', 'sha256:abc', false)).toBe('registry-5000-example-web-1.tar');
    expect(defaultArchiveName(undefined, `sha256:${'e'.repeat(64)}`, true)).toBe('eeeeeeeeeeee-flat.tar');
  });
});

describe('tag prompt', () => {
  it('reads several tags and points at the bad one', () => {
    expect(tagsFrom('a:1, b:2  c')).toEqual(['a:1', 'b:2', 'c']);
    expect(tagsProblem('ok:1 Bad:2')).toMatchObject({ offset: 5, length: 5 });
    expect(tagsProblem('  ')).toMatchObject({ message: expect.stringContaining('NAME[:TAG]') });
    expect(tagsProblem('example/web:2 example/web:latest')).toBeNull();
  });
});

describe('format', () => {
  it('never rounds less than all up to 100 %', async () => {
    const { percent, bytes, transferText } = await import('../../../../src/ui/screens/result/format.js');
    expect(percent(1)).toBe('100.0 %');
    expect(percent(0.99976)).toBe('99.97 %');
    expect(percent(0.875)).toBe('87.5 %');
    expect(bytes(1_980_000)).toBe('1.98 MB');
    expect(transferText(40_000_000, 100_000_000, 2)).toBe('40.0 MB / 100 MB 40 %  20.0 MB/s');
    expect(transferText(5, null, 0)).toBe('5 B');
  });
});
