import { describe, expect, it } from 'vitest';
import { LABEL } from '../../../../src/core/labels.js';
import { imageConfigSchema } from '../../../../src/core/recipe/recipe-schema.js';
import { parseSizes } from '../../../../src/engine/build/modes/capture-packages.js';
import { importChanges, importedConfig } from '../../../../src/engine/build/modes/result-config.js';

const ours = { [LABEL.role]: 'result', [LABEL.buildId]: 'b1' };

describe('config of imported results', () => {
  it('a scratch tree gets only the recipe config and our labels', () => {
    const config = imageConfigSchema.parse({ entrypoint: ['/usr/bin/php'], expose: ['80', '53/udp'], env: { A: '1' }, user: 'www', workdir: '/srv', volumes: ['/data'], labels: { 'org.example.x': 'y' } });
    expect(importedConfig(config, null, ours)).toEqual({
      entrypoint: ['/usr/bin/php'], cmd: [], env: ['A=1'], exposedPorts: ['80/tcp', '53/udp'], user: 'www', workdir: '/srv', volumes: ['/data'], labels: { 'org.example.x': 'y', ...ours },
    });
    expect(importChanges(config, null, ours, 'docker')).toEqual(expect.arrayContaining(['ENTRYPOINT ["/usr/bin/php"]', 'EXPOSE 53/udp', 'USER "www"', 'WORKDIR "/srv"', 'VOLUME ["\\"/data\\""]', `LABEL "${LABEL.role}"="result"`]));
  });

  it('a flattened build keeps the base config under the recipe\'s, minus the base\'s own gentoo-wb labels', () => {
    const base = { Cmd: ['/bin/bash'], Env: ['PATH=/usr/bin:/bin', 'LANG=C.UTF-8', 'A=0'], WorkingDir: '/root', ExposedPorts: { '22/tcp': {} }, Labels: { vendor: 'gentoo', [LABEL.buildId]: 'older-build', [LABEL.role]: 'result' } };
    const config = imageConfigSchema.parse({ env: { A: '1' }, expose: ['80'] });
    expect(importedConfig(config, base, ours)).toEqual({
      entrypoint: [], cmd: ['/bin/bash'], env: ['PATH=/usr/bin:/bin', 'LANG=C.UTF-8', 'A=1'], exposedPorts: ['22/tcp', '80/tcp'], workdir: '/root', volumes: [], labels: { vendor: 'gentoo', ...ours },
    });
  });

  it('capture sizes are read relative to ROOT; other lines are ignored', () => {
    expect([...parseSizes('123 ./usr/bin/hello\n0 ./etc/a b\nnoise\n5 /abs\n')]).toEqual([['/usr/bin/hello', 123], ['/etc/a b', 0]]);
  });
});
