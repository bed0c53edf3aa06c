// The scratch build's package capture read back from a real container: the package database's files
// with the sizes the capture helper measured from ROOT (`SIZE ./path` lines; other lines are ignored).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gentooWbLabels } from '../../../../src/core/labels.js';
import type { FinishContext } from '../../../../src/engine/build/finish-context.js';
import { capturePackages } from '../../../../src/engine/build/modes/capture-packages.js';
import { createContainer, removeContainer, removeImage } from '../../../../src/engine/docker/index.js';
import { describeDocker, testDocker } from '../../../helpers/docker.js';
import { importBusybox, uniqueRef } from '../../docker/helpers/busybox.js';

describeDocker('capturePackages', () => {
  const image = uniqueRef('busybox-capture');
  let container = '';

  beforeAll(async () => {
    await importBusybox(testDocker(), image, ['CMD ["/bin/sh"]'], [
      { name: 'capture/pkg/app-misc/hello-2.12.1/CONTENTS', content: 'dir /usr/bin\nobj /usr/bin/hello 0123456789abcdef0123456789abcdef 1700000000\nobj /etc/a b 0123456789abcdef0123456789abcdef 1700000000\nobj /abs 0123456789abcdef0123456789abcdef 1700000000\n' },
      { name: 'capture/pkg/app-misc/hello-2.12.1/SLOT', content: '0\n' },
      { name: 'capture/sizes', content: '123 ./usr/bin/hello\n0 ./etc/a b\nnoise\n5 /abs\n' },
    ]);
    container = await createContainer(testDocker(), { image, labels: gentooWbLabels({ version: '0.0.0-test', role: 'builder', buildId: 'capture-test' }), cmd: ['/bin/true'], network: 'none' });
  });

  afterAll(async () => {
    if (container) await removeContainer(testDocker(), container, { force: true }).catch(() => undefined);
    await removeImage(testDocker(), image, { force: true }).catch(() => undefined);
  });

  it('reads sizes relative to ROOT into the recorded packages; other lines are ignored', async () => {
    const ctx = { docker: testDocker(), containerId: container, extras: {}, emit: () => undefined } as unknown as FinishContext;
    await capturePackages(ctx, { kind: 'capture-packages', id: 'capture', title: 'capture the package database', vdbPath: '/capture' });
    const packages = (ctx.extras as { packages: { cpv: string; files: { path: string; size: number | null }[] }[] }).packages;
    expect(packages.map((p) => p.cpv)).toEqual(['app-misc/hello-2.12.1']);
    expect(packages[0]!.files).toEqual([{ path: '/usr/bin/hello', size: 123 }, { path: '/etc/a b', size: 0 }, { path: '/abs', size: null }]);
  });
});
