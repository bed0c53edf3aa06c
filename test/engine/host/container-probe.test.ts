import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { runContainerProbe } from '../../../src/engine/host/container-probe.js';
import { probeImageCandidates } from '../../../src/engine/host/probe-image.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { importProbeImage } from './probe-image.js';

const run = promisify(execFile);

describeDocker('container probe against the real engine', () => {
  let image = '';
  beforeAll(async () => {
    image = await importProbeImage(testDocker());
  });
  afterAll(async () => {
    if (image) await testDocker().getImage(image).remove({ force: true }).catch(() => undefined);
  });

  it('runs a labelled container, reads what Portage would meet, and removes it', async () => {
    const docker = testDocker();
    const create = vi.spyOn(docker, 'createContainer');
    const probe = await runContainerProbe(docker, { image });
    const options = create.mock.calls[0]![0];
    create.mockRestore();
    expect(probe.state).toBe('done');
    if (probe.state !== 'done') return;
    expect(options.Labels).toMatchObject({ 'org.gentoo-wb.role': 'probe', 'org.gentoo-wb.version': expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const left = await docker.listContainers({ all: true, filters: { label: ['org.gentoo-wb.role=probe'] } });
    expect(left.filter((c) => c.Image === image)).toEqual([]);

    // The same question asked with the docker CLI must get the same answer.
    const cli = await run('docker', ['run', '--rm', '--network', 'none', image, '/bin/busybox', 'unshare', '-i', '/bin/sh', '-c', ':']).then(() => 'ok', () => 'EPERM');
    expect(probe.unshare.ipc).toBe(cli);
    expect(probe.unshareTool).not.toBeNull();
    expect(probe.tmpfs).toEqual({ mounted: true, writable: true, exec: true });
    expect(probe.ptrace).toBe('untested');
    expect(probe.capabilities).toContain('CHOWN');
  });

  it('fails clearly in an image without /bin/sh, and leaves nothing behind', async () => {
    const docker = testDocker();
    const probe = await runContainerProbe(docker, { image: 'gwb-test-no-such/image:none' });
    expect(probe).toMatchObject({ state: 'failed', image: 'gwb-test-no-such/image:none' });
    if (probe.state === 'failed') expect(probe.error).toMatch(/no such image|not found/i);
  });
});

it('skips with a reason when there is no local image', async () => {
  const empty = { listImages: async () => [] } as unknown as Dockerode;
  expect(await runContainerProbe(empty)).toEqual({ state: 'skipped', reason: 'no local image to run it in' });
});

it('prefers a stage3, then gentoo-wb\'s own images, then the smallest; untagged images never', () => {
  const images = [
    { Id: 'a', RepoTags: ['debian:12'], Size: 120e6 },
    { Id: 'b', RepoTags: ['busybox:latest'], Size: 4e6 },
    { Id: 'c', RepoTags: ['<none>:<none>'], Size: 1e6 },
    { Id: 'd', RepoTags: ['my/app:1'], Size: 900e6, Labels: { 'org.gentoo-wb.role': 'result' } },
    { Id: 'e', RepoTags: ['gentoo/stage3:latest'], Size: 1.2e9 },
  ];
  expect(probeImageCandidates(images)).toEqual(['gentoo/stage3:latest', 'my/app:1', 'busybox:latest']);
  expect(probeImageCandidates(images.filter((i) => i.Id !== 'e' && i.Id !== 'd'), 5)).toEqual(['busybox:latest', 'debian:12']);
});
