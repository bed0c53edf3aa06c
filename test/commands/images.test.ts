// `gentoo-wb import`, `images`, `tag` and `export` end to end through the command layer.
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { register as registerExport } from '../../src/commands/export.js';
import { register as registerImages } from '../../src/commands/images.js';
import { register as registerImport } from '../../src/commands/import.js';
import { register as registerTag } from '../../src/commands/tag.js';
import { LABEL } from '../../src/core/labels.js';
import { sameImageName } from '../helpers/image-names.js';
import { inspectImage, removeImage } from '../../src/engine/docker/images.js';
import { loadImages } from '../../src/engine/docker/save-load.js';
import { busyboxRootfs, uniqueRef } from '../engine/docker/helpers/busybox.js';
import { describeEngines } from '../helpers/podman.js';
import { runCli } from './helpers/cli.js';

const all = [registerImport, registerImages, registerTag, registerExport];
const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-cmd-images-'));
let tarball = '';
beforeAll(async () => {
  tarball = path.join(dir, 'root.tar');
  writeFileSync(tarball, await busyboxRootfs());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEngines('gentoo-wb import / images / tag / export', (engine) => {
  const created: string[] = [];
  afterAll(async () => {
    for (const ref of created) await removeImage(engine().docker, ref, { force: true }).catch(() => undefined);
  });
  const cli = (...args: string[]) => runCli(all, ['-H', engine().endpoint.host, ...args]);

  it('imports with changes and our label, lists, tags and exports flattened + gzipped', async () => {
    const tag = uniqueRef('cmd-import', '1');
    const imported = await cli('import', tarball, '--tag', tag, '--change', 'CMD ["/bin/echo", "hi"]', '-c', 'ENV STAGE=three', '--quiet');
    expect(imported.code).toBe(0);
    created.push(tag);
    const id = imported.stdout.trim();
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const details = await inspectImage(engine().docker, tag);
    expect(details.id).toBe(id);
    expect(details.config.Cmd).toEqual(['/bin/echo', 'hi']);
    expect(details.config.Env).toContain('STAGE=three');
    expect(details.labels[LABEL.role]).toBe('imported');

    const listed = await cli('images', '--json');
    expect(listed.code).toBe(0);
    const images = JSON.parse(listed.stdout) as { id: string; tags: string[]; size: number; created: string; labels: Record<string, string> }[];
    const mine = images.find((i) => i.id === id);
    expect(mine && Object.keys(mine).sort()).toEqual(['created', 'id', 'labels', 'size', 'tags']);
    expect(mine?.tags.some((t) => sameImageName(t, tag))).toBe(true);
    expect(mine?.size).toBeGreaterThan(1_500_000);
    expect(mine?.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    const ours = JSON.parse((await cli('images', '--json', '--ours')).stdout) as { labels: Record<string, string> }[];
    expect(ours.every((i) => LABEL.role in i.labels)).toBe(true);
    expect((await cli('images')).stdout).toMatch(/^IMAGE +ID +CREATED +SIZE/);

    const second = uniqueRef('cmd-tag', '2');
    const tagged = await cli('tag', tag, second);
    expect(tagged.code).toBe(0);
    created.push(second);
    expect((await inspectImage(engine().docker, second)).id).toBe(id);

    const out = path.join(dir, `flat-${engine().kind}.tar.gz`);
    const exported = await cli('export', second, '-o', out, '--flatten', '--gzip', '--json');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ file: out, flattened: true, layers: 1, tags: [second] });
    await removeImage(engine().docker, second);
    const loaded = await loadImages(engine().docker, out);
    expect(loaded.tags.some((t) => sameImageName(t, second))).toBe(true);
    expect((await inspectImage(engine().docker, second)).config.Cmd).toEqual(['/bin/echo', 'hi']);
  });

  it('exits 2 on usage mistakes and 1 on failures, with a hint', async () => {
    expect((await cli('import', tarball, '--tag', 'x:1', '--change', 'RUN true')).code).toBe(2);
    expect((await cli('import', tarball)).code).toBe(2);
    expect((await cli('tag', 'a', 'Not Valid')).code).toBe(2);
    expect((await cli('export', 'anything')).code).toBe(2);
    const missing = await cli('export', uniqueRef('missing'), '-o', path.join(dir, 'none.tar'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no image .*\n {2}hint: list local images/);
    expect(existsSync(path.join(dir, 'none.tar'))).toBe(false);
    const notTar = path.join(dir, 'notes.txt');
    writeFileSync(notTar, 'not a tarball at all, just text\n'.repeat(20));
    const bad = await cli('import', notTar, '--tag', uniqueRef('bad'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a tar archive/);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});
