import { describe, expect, it } from 'vitest';
import { LABEL } from '../../../../src/core/labels.js';
import { recipeSchema } from '../../../../src/core/recipe/recipe-schema.js';
import { importChanges } from '../../../../src/engine/build/modes/result-config.js';

const ours = { [LABEL.role]: 'result', [LABEL.buildId]: 'b1' };
const imageConfig = (image: object) => recipeSchema.shape.image.parse(image);

describe('config of imported results', () => {
  it('a scratch tree gets only the recipe config and our labels', () => {
    const config = imageConfig({ entrypoint: ['/usr/bin/php'], expose: ['80', '53/udp'], env: { A: '1' }, user: 'www', workdir: '/srv', volumes: ['/data'], labels: { 'org.example.x': 'y' } });
    // No CMD: the recipe sets none and there is no base to carry one from.
    expect(importChanges(config, null, ours, 'docker')).toEqual([
      'ENTRYPOINT ["/usr/bin/php"]', 'ENV A="1"', 'EXPOSE 80/tcp', 'EXPOSE 53/udp', 'USER "www"', 'WORKDIR "/srv"', 'VOLUME ["\\"/data\\""]',
      'LABEL "org.example.x"="y"', `LABEL "${LABEL.role}"="result"`, `LABEL "${LABEL.buildId}"="b1"`,
    ]);
  });

  it('a flattened build keeps the base config under the recipe\'s, minus the base\'s own gentoo-wb labels', () => {
    const base = { Cmd: ['/bin/bash'], Env: ['PATH=/usr/bin:/bin', 'LANG=C.UTF-8', 'A=0'], WorkingDir: '/root', ExposedPorts: { '22/tcp': {} }, Labels: { vendor: 'gentoo', [LABEL.buildId]: 'older-build', [LABEL.role]: 'result' } };
    const config = imageConfig({ env: { A: '1' }, expose: ['80'] });
    // The recipe's A replaces the base's; the base's build-id label gives way to this build's.
    expect(importChanges(config, base, ours, 'docker')).toEqual([
      'CMD ["/bin/bash"]', 'ENV PATH="/usr/bin:/bin"', 'ENV LANG="C.UTF-8"', 'ENV A="1"', 'EXPOSE 22/tcp', 'EXPOSE 80/tcp', 'WORKDIR "/root"',
      'LABEL "vendor"="gentoo"', `LABEL "${LABEL.role}"="result"`, `LABEL "${LABEL.buildId}"="b1"`,
    ]);
  });
});
