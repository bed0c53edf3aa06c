// The smoke test on a real engine, each way it can end: a command's exit code decides; a command past
// its time fails; an image's own entrypoint still running after the grace period passes as a
// service; a stop removes its container and throws. No container of the build is left behind.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LABEL } from '../../../src/core/labels.js';
import { runSmokeTest } from '../../../src/engine/build/smoke-test.js';
import { listContainers } from '../../../src/engine/docker/containers.js';
import { importBusybox, uniqueRef } from '../docker/helpers/busybox.js';
import { removeImage } from '../../../src/engine/docker/images.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';

describeDocker('runSmokeTest', () => {
  let service = '';
  const buildId = `smoke-test-${randomBytes(4).toString('hex')}`;
  const left = async () => listContainers(testDocker(), [`${LABEL.buildId}=${buildId}`]);

  beforeAll(async () => {
    service = uniqueRef('smoke-service');
    await importBusybox(testDocker(), service, ['CMD ["/bin/sh", "-c", "echo serving; exec sleep 60"]']);
  });
  afterAll(async () => {
    await removeImage(testDocker(), service, { force: true }).catch(() => undefined);
  });

  it('passes or fails on the command\'s exit code, with its output', async () => {
    const ok = await runSmokeTest(testDocker(), { imageId: service, argv: ['/bin/sh', '-c', 'echo fine'], buildId });
    expect(ok).toEqual({ argv: ['/bin/sh', '-c', 'echo fine'], exitCode: 0, ok: true, output: 'fine\n' });
    const bad = await runSmokeTest(testDocker(), { imageId: service, argv: ['/bin/sh', '-c', 'echo broken >&2; exit 4'], buildId });
    expect(bad).toMatchObject({ exitCode: 4, ok: false, output: 'broken\n' });
    expect(await left()).toEqual([]);
  });

  it('fails a command that runs past its time', async () => {
    const slow = await runSmokeTest(testDocker(), { imageId: service, argv: ['/bin/sh', '-c', 'echo started; sleep 60'], buildId, timeoutMs: 1000 });
    expect(slow).toMatchObject({ exitCode: -1, ok: false });
    expect(slow.output).toBe('started\n\n(timed out after 1 s)');
    expect(await left()).toEqual([]);
  });

  it('passes an image entrypoint still running after the grace period as a service', async () => {
    const up = await runSmokeTest(testDocker(), { imageId: service, argv: null, buildId, graceMs: 1000 });
    expect(up).toEqual({ argv: ['(image entrypoint/cmd)'], exitCode: 0, ok: true, output: 'serving\n\n(still running after 1 s: started as a service)' });
    expect(await left()).toEqual([]);
  });

  it('throws once stopped, before or during the run, and removes its container', async () => {
    const during = new AbortController();
    setTimeout(() => during.abort(), 500);
    await expect(runSmokeTest(testDocker(), { imageId: service, argv: ['/bin/sleep', '60'], buildId, signal: during.signal })).rejects.toThrow('the smoke test was stopped');
    const before = new AbortController();
    before.abort();
    await expect(runSmokeTest(testDocker(), { imageId: service, argv: ['/bin/true'], buildId, signal: before.signal })).rejects.toThrow('the smoke test was stopped');
    expect(await left()).toEqual([]);
  });
});
