// runToEnd against the real engines: exit code and output (interleaved and split), files put in
// before the start, a run past its time killed (null exit code), an abort removing the container,
// a read of the stopped container before removal, and `keep`.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { readContainerFile } from '../../../src/engine/docker/archive.js';
import { inspectContainer, listContainers, removeContainer } from '../../../src/engine/docker/containers.js';
import { removeImage } from '../../../src/engine/docker/images.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';

const BUILD = `run-to-end-test-${randomBytes(4).toString('hex')}`;
const labels = gentooWbLabels({ version: '0.0.0-test', role: 'probe', buildId: BUILD });

describeEngines('runToEnd', (engine) => {
  let image = '';
  const kept: string[] = [];

  beforeAll(async () => {
    image = uniqueRef('busybox');
    await importBusybox(engine().docker, image, ['CMD ["/bin/sh"]']);
  });

  afterAll(async () => {
    const { docker } = engine();
    for (const id of kept) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    await removeImage(docker, image, { force: true }).catch(() => undefined);
  });

  /** Our containers still there (none, once each run has ended). */
  const ours = async () => listContainers(engine().docker, [`${LABEL.buildId}=${BUILD}`]);

  it('returns the exit code, the output in order and each stream, and removes the container', async () => {
    const run = await runToEnd(engine().docker, {
      image, labels, network: 'none',
      // The engine orders lines of two streams only as they arrive: a pause between them keeps the order sure.
      cmd: ['/bin/sh', '-c', 'echo one; sleep 0.2; echo two >&2; sleep 0.2; echo "three ✓"; exit 3'],
    });
    expect(run.exitCode).toBe(3);
    expect(run.output).toBe('one\ntwo\nthree ✓\n');
    expect(run.stdout).toBe('one\nthree ✓\n');
    expect(run.stderr).toBe('two\n');
    expect(await ours()).toEqual([]);
  });

  it('puts files in before the start and reads the stopped container before removing it', async () => {
    let read = '';
    const run = await runToEnd(engine().docker, { image, labels, network: 'none', cmd: ['/bin/sh', '-c', 'cat /etc/probe.conf; echo done > /result'] }, {
      files: [{ path: '/etc/probe.conf', content: 'answer=42\n' }],
      beforeRemove: async (id) => { read = (await readContainerFile(engine().docker, id, '/result'))?.toString('utf8') ?? 'missing'; },
    });
    expect(run).toMatchObject({ exitCode: 0, output: 'answer=42\n' });
    expect(read).toBe('done\n');
    expect(await ours()).toEqual([]);
  });

  it('kills a run past its time (null exit code, the output so far, its last lines with tail)', async () => {
    const run = await runToEnd(engine().docker, { image, labels, network: 'none', cmd: ['/bin/sh', '-c', 'for i in 1 2 3; do echo $i; done; sleep 60'] }, { timeoutMs: 1500, tail: 2 });
    expect(run.exitCode).toBeNull();
    expect(run.output).toBe('2\n3\n');
    expect(await ours()).toEqual([]);
  });

  it('rejects an aborted run with an aborted EngineError and removes the container', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 800);
    await expect(runToEnd(engine().docker, { image, labels, network: 'none', cmd: ['/bin/sleep', '60'] }, { signal: stop.signal }))
      .rejects.toMatchObject({ kind: 'aborted' });
    expect(await ours()).toEqual([]);
    const before = new AbortController();
    before.abort();
    await expect(runToEnd(engine().docker, { image, labels, network: 'none', cmd: ['/bin/true'] }, { signal: before.signal }))
      .rejects.toMatchObject({ kind: 'aborted' });
    expect(await ours()).toEqual([]);
  });

  it('keeps the container when asked', async () => {
    const run = await runToEnd(engine().docker, { image, labels, network: 'none', cmd: ['/bin/true'] }, { keep: true });
    kept.push(run.id);
    expect((await inspectContainer(engine().docker, run.id)).exitCode).toBe(0);
  });

  it('removes a kept container all the same when the run throws: the caller never got its ID', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 800);
    await expect(runToEnd(engine().docker, { image, labels, network: 'none', cmd: ['/bin/sleep', '60'] }, { signal: stop.signal, keep: true }))
      .rejects.toMatchObject({ kind: 'aborted' });
    // The container the test above kept stays until afterAll; nothing else does.
    expect((await ours()).filter((c) => !kept.includes(c.id))).toEqual([]);
  });
});
