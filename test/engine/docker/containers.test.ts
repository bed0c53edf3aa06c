// Containers against the real engines: create with labels, env, mounts, capabilities and security
// options; exec with separated streams (10 MB interleaved) and exit codes; uploads that keep modes,
// owners and unicode names; downloads; logs with follow; stop/kill/remove; commit.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gentooWbLabels, LABEL } from '../../../src/core/labels.js';
import { downloadPath, readContainerFile, uploadFiles } from '../../../src/engine/docker/archive.js';
import { commitContainer } from '../../../src/engine/docker/commit.js';
import {
  createContainer, inspectContainer, killContainer, removeContainer, startContainer, waitContainer,
} from '../../../src/engine/docker/containers.js';
import { runToEnd } from '../../../src/engine/docker/run-to-end.js';
import { execCapture } from '../../../src/engine/docker/exec.js';
import { inspectImage, removeImage } from '../../../src/engine/docker/images.js';
import { containerLogs } from '../../../src/engine/docker/logs.js';
import { removeVolume } from '../../../src/engine/docker/volumes.js';
import { importBusybox, uniqueRef } from './helpers/busybox.js';
import { describeEngines } from '../../helpers/podman.js';

const hostDir = mkdtempSync(path.join(os.tmpdir(), 'gwb-containers-'));
writeFileSync(path.join(hostDir, 'distfile.txt'), 'from the host\n');
afterAll(() => rmSync(hostDir, { recursive: true, force: true }));

// A build ID of our own: other suites on the same engine must not match our label filters.
const BUILD = `containers-test-${randomBytes(4).toString('hex')}`;
const labels = gentooWbLabels({ version: '0.0.0-test', role: 'builder', buildId: BUILD });

describeEngines('containers', (engine) => {
  let image = '';
  const containers: string[] = [];
  const images: string[] = [];
  const volumes: string[] = [];

  beforeAll(async () => {
    image = uniqueRef('busybox');
    await importBusybox(engine().docker, image, ['CMD ["/bin/sh"]'], [{ name: 'etc/gentoo-release', content: 'Gentoo Base System release 2.17\n' }]);
    images.push(image);
  });

  afterAll(async () => {
    const { docker } = engine();
    for (const id of containers) await removeContainer(docker, id, { force: true }).catch(() => undefined);
    for (const ref of images) await removeImage(docker, ref, { force: true }).catch(() => undefined);
    for (const v of volumes) await removeVolume(docker, v, { force: true }).catch(() => undefined);
  });

  /** A running container that stays up for exec. */
  async function running(extra: Partial<Parameters<typeof createContainer>[1]> = {}): Promise<string> {
    const id = await createContainer(engine().docker, { image, labels, cmd: ['/bin/sleep', '300'], network: 'none', ...extra });
    containers.push(id);
    await startContainer(engine().docker, id);
    return id;
  }

  it('creates with labels, env, a named volume, a read-only bind, tmpfs, capabilities and security options', async () => {
    const { docker } = engine();
    const volume = `gwb-test-vol-${Date.now().toString(36)}`;
    volumes.push(volume);
    const id = await running({
      env: { MAKEOPTS: '-j2 -l3', FEATURES: '-ipc-sandbox -network-sandbox' },
      workdir: '/var/tmp',
      mounts: [
        { kind: 'volume', name: volume, target: '/var/cache/distfiles' },
        { kind: 'bind', source: hostDir, target: '/mnt/host', readOnly: true },
        { kind: 'tmpfs', target: '/var/tmp/portage', sizeBytes: 64 * 1024 * 1024, mode: 0o775 },
      ],
      capAdd: ['SYS_PTRACE'],
      securityOpt: ['no-new-privileges'],
    });
    const state = await inspectContainer(docker, id);
    expect(state.running).toBe(true);
    expect(state.labels[LABEL.role]).toBe('builder');
    expect(state.labels[LABEL.buildId]).toBe(BUILD);
    expect(state.mounts.find((m) => m.destination === '/var/cache/distfiles')?.name).toBe(volume);
    expect(state.mounts.find((m) => m.destination === '/mnt/host')?.readOnly).toBe(true);

    const env = await execCapture(docker, id, { argv: ['/bin/sh', '-c', 'echo "$MAKEOPTS|$FEATURES|$(pwd)"'] });
    expect(env.stdout.toString()).toBe('-j2 -l3|-ipc-sandbox -network-sandbox|/var/tmp\n');
    expect((await execCapture(docker, id, { argv: ['/bin/cat', '/mnt/host/distfile.txt'] })).stdout.toString()).toBe('from the host\n');
    const roWrite = await execCapture(docker, id, { argv: ['/bin/touch', '/mnt/host/new'] });
    expect(roWrite.exitCode).not.toBe(0);
    expect(roWrite.stderr.toString()).toMatch(/read-only/i);
    const mounts = (await execCapture(docker, id, { argv: ['/bin/cat', '/proc/mounts'] })).stdout.toString();
    const tmpfsLine = mounts.split('\n').find((l) => l.split(' ')[1] === '/var/tmp/portage') ?? '';
    expect(tmpfsLine).toMatch(/^tmpfs /);
    expect(tmpfsLine).toMatch(/size=65536k/);
    expect((await execCapture(docker, id, { argv: ['/bin/stat', '-c', '%a', '/var/tmp/portage'] })).stdout.toString().trim()).toBe('775');
    const status = (await execCapture(docker, id, { argv: ['/bin/cat', '/proc/self/status'] })).stdout.toString();
    const capEff = BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(status)?.[1] ?? '0'}`);
    expect((capEff >> 19n) & 1n).toBe(1n); // CAP_SYS_PTRACE
    expect(status).toMatch(/NoNewPrivs:\s*1/);
    const write = await execCapture(docker, id, { argv: ['/bin/sh', '-c', 'echo cached > /var/cache/distfiles/f && cat /var/cache/distfiles/f'] });
    expect(write.stdout.toString()).toBe('cached\n');
  });

  it('exec keeps 10 MB of interleaved stdout and stderr apart, byte for byte', async () => {
    const { docker } = engine();
    const id = await running();
    const size = 5 * 1024 * 1024;
    // Slow writers (backpressure) are the demultiplexer's, proven in demux.test.ts.
    const result = await execCapture(docker, id, { argv: ['/bin/sh', '-c', `yes OUT | head -c ${size} & yes err | head -c ${size} >&2 & wait`] });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(size);
    expect(result.stderr.length).toBe(size);
    expect(result.stdoutBytes).toBe(size);
    expect(result.stderrBytes).toBe(size);
    const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
    expect(sha(result.stdout)).toBe(sha('OUT\n'.repeat(size / 4)));
    expect(sha(result.stderr)).toBe(sha('err\n'.repeat(size / 4)));
  });

  it('exec reports exit codes and runs with env, workdir and user', async () => {
    const { docker } = engine();
    const id = await running();
    expect((await execCapture(docker, id, { argv: ['/bin/sh', '-c', 'exit 3'] })).exitCode).toBe(3);
    const r = await execCapture(docker, id, { argv: ['/bin/sh', '-c', 'echo "$GREETING"; pwd; id -u'], env: { GREETING: 'a "quoted" $value; rm -rf /' }, workdir: '/etc', user: 'portage' });
    expect(r.stdout.toString()).toBe('a "quoted" $value; rm -rf /\n/etc\n250\n');
    const missing = await execCapture(docker, id, { argv: ['/no/such/program'] }).catch((e: unknown) => e);
    // Docker reports 126/127 from the exec; Podman refuses to start it.
    if (missing instanceof Error) expect(missing.message).toMatch(/no such file|not found|executable/i);
    else expect((missing as { exitCode: number }).exitCode).toBeGreaterThanOrEqual(126);
  });

  it('uploads keep modes, owners and unicode names; downloads read them back', async () => {
    const { docker } = engine();
    const id = await running();
    const unicode = '/etc/portage/ünïcödé-ファイル ✓.conf';
    await uploadFiles(docker, id, [
      { kind: 'dir', path: '/etc/portage', mode: 0o755 },
      { path: '/etc/portage/make.conf', content: 'COMMON_FLAGS="-O2 -pipe"\n', mode: 0o644 },
      { path: '/etc/portage/secret', content: 'token', mode: 0o600, uid: 250, gid: 250 },
      { path: '/usr/local/bin/hook.sh', content: '#!/bin/sh\necho hooked\n', mode: 0o755 },
      { path: unicode, content: 'USE="-X"\n', mode: 0o640 },
      { kind: 'symlink', path: '/etc/portage/make.profile', target: '../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0' },
    ]);
    const stat = await execCapture(docker, id, { argv: ['/bin/stat', '-c', '%a %u %g %n', '/etc/portage/make.conf', '/etc/portage/secret', '/usr/local/bin/hook.sh', unicode] });
    expect(stat.stdout.toString().split('\n').filter(Boolean)).toEqual([
      '644 0 0 /etc/portage/make.conf',
      '600 250 250 /etc/portage/secret',
      '755 0 0 /usr/local/bin/hook.sh',
      `640 0 0 ${unicode}`,
    ]);
    expect((await execCapture(docker, id, { argv: ['/usr/local/bin/hook.sh'] })).stdout.toString()).toBe('hooked\n');
    expect((await readContainerFile(docker, id, unicode)).toString()).toBe('USE="-X"\n');
    const tree = await downloadPath(docker, id, '/etc/portage');
    const byName = new Map(tree.map((e) => [e.path, e]));
    expect(byName.get('portage')?.type).toBe('directory');
    // Podman 4.3 reports every owner as 0:0 in archive downloads (the stat above shows the real one).
    const owner = engine().kind === 'podman' ? 0 : 250;
    expect(byName.get('portage/secret')).toMatchObject({ type: 'file', mode: 0o600, uid: owner, gid: owner });
    expect(byName.get('portage/secret')?.content?.toString()).toBe('token');
    expect(byName.get(`portage/${path.basename(unicode)}`)?.mode).toBe(0o640);
    expect(byName.get('portage/make.profile')).toMatchObject({ type: 'symlink', linkTarget: '../../var/db/repos/gentoo/profiles/default/linux/amd64/23.0' });
    await expect(uploadFiles(docker, id, [{ path: '../escape', content: 'x' }])).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(uploadFiles(docker, id, [{ path: '/tmp/../etc/passwd', content: 'x' }])).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(downloadPath(docker, id, '/no/such/path')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('follows logs with stdout and stderr apart until the container stops', async () => {
    const { docker } = engine();
    const id = await createContainer(docker, { image, labels, network: 'none', cmd: ['/bin/sh', '-c', 'echo out1; echo err1 >&2; sleep 0.5; echo out2; exit 4'] });
    containers.push(id);
    await startContainer(docker, id);
    const seen = { stdout: '', stderr: '' };
    for await (const frame of containerLogs(docker, id, { follow: true })) {
      if (frame.stream === 'stdout' || frame.stream === 'stderr') seen[frame.stream] += frame.data.toString();
    }
    expect(seen).toEqual({ stdout: 'out1\nout2\n', stderr: 'err1\n' });
    expect(await waitContainer(docker, id)).toBe(4);
    const state = await inspectContainer(docker, id);
    expect(state.running).toBe(false);
    expect(state.exitCode).toBe(4);
  });

  it('kills and removes', async () => {
    const { docker } = engine();
    const killed = await running();
    await killContainer(docker, killed);
    expect(await waitContainer(docker, killed)).toBe(137);
    await removeContainer(docker, killed);
    await expect(inspectContainer(docker, killed)).rejects.toMatchObject({ kind: 'container-not-found' });
    const run = await runToEnd(docker, { image, labels, network: 'none', cmd: ['/bin/sh', '-c', 'exit 7'] }, { keep: true });
    containers.push(run.id);
    expect(run.exitCode).toBe(7);
  });

  it('commits with changes and labels (pause passed explicitly)', async () => {
    const { docker } = engine();
    const id = await running();
    await execCapture(docker, id, { argv: ['/bin/sh', '-c', 'echo "built by emerge" > /hello'] });
    const tag = uniqueRef('committed');
    const imageId = await commitContainer(docker, id, {
      tag,
      pause: true,
      changes: ['CMD ["/bin/cat", "/hello"]', 'ENV PORTAGE_DONE=yes', 'EXPOSE 8080', 'WORKDIR /srv'],
      labels: gentooWbLabels({ version: '0.0.0-test', role: 'result', buildId: BUILD, extra: { 'org.example.note': 'say "hi" $HOME \\o/' } }),
      message: 'commit test',
    });
    images.push(tag);
    const details = await inspectImage(docker, tag);
    expect(details.id).toBe(imageId);
    expect(details.config.Cmd).toEqual(['/bin/cat', '/hello']);
    expect(details.config.Env).toContain('PORTAGE_DONE=yes');
    expect(Object.keys(details.config.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    expect(details.config.WorkingDir).toBe('/srv');
    expect(details.labels[LABEL.role]).toBe('result');
    expect(details.labels['org.example.note']).toBe('say "hi" $HOME \\o/');
    // The container is still running after a paused commit.
    expect((await inspectContainer(docker, id)).running).toBe(true);
    const run = await runToEnd(docker, { image: tag, labels, network: 'none' });
    expect(run.exitCode).toBe(0);
    expect(run.output).toBe('built by emerge\n');
  });
});
