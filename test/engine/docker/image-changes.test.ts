// Changes for import/commit: checking user input and writing config back as changes in each
// engine's quoting dialect.
import { describe, expect, it } from 'vitest';
import { carryConfig, changesFor, checkChange } from '../../../src/engine/docker/image-changes.js';

describe('checkChange', () => {
  it.each([
    ['CMD ["/bin/bash"]', 'CMD ["/bin/bash"]'],
    ['  env A=b  ', 'ENV A=b'],
    ['expose 9091/tcp', 'EXPOSE 9091/tcp'],
    ['LABEL a="b c"', 'LABEL a="b c"'],
  ])('accepts %j', (raw, want) => {
    expect(checkChange(raw)).toEqual({ ok: true, instruction: want.split(' ')[0], change: want });
  });

  it.each([
    ['RUN rm -rf /', /"RUN" cannot be changed/],
    ['STOPSIGNAL SIGINT', /"STOPSIGNAL" cannot be changed/],
    ['CMD', /not an instruction with an argument/],
    ['CMD ["a"]\nRUN x', /one instruction on one line/],
  ])('refuses %j', (raw, message) => {
    const got = checkChange(raw);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.message).toMatch(message);
  });
});

describe('changesFor', () => {
  const config = {
    entrypoint: ['/bin/sh', '-c'],
    cmd: ['echo "$X"'],
    env: ['PATH=/usr/bin:/bin', 'TRICKY=a "b" \\c $d', 'EMPTY='],
    exposedPorts: ['9091/tcp'],
    user: 'portage',
    workdir: '/srv',
    volumes: ['/data'],
    labels: { 'org.example.x': 'say "hi"' },
  };

  it('writes Docker\'s escaped form', () => {
    expect(changesFor(config, 'docker')).toEqual([
      'ENTRYPOINT ["/bin/sh","-c"]',
      'CMD ["echo \\"$X\\""]',
      'ENV PATH="/usr/bin:/bin"',
      'ENV TRICKY="a \\"b\\" \\\\c \\$d"',
      'ENV EMPTY=""',
      'EXPOSE 9091/tcp',
      'USER "portage"',
      'WORKDIR "/srv"',
      'VOLUME ["\\"/data\\""]',
      'LABEL "org.example.x"="say \\"hi\\""',
    ]);
  });

  it('never ends a Docker change in a backslash (the parser would join it with the next change)', () => {
    const changes = changesFor({ user: 'root\\', workdir: '/app\\', volumes: ['/v\\'], env: ['A=b\\'], labels: { k: 'v\\' } }, 'docker');
    expect(changes).toEqual(['ENV A="b\\\\"', 'USER "root\\\\"', 'WORKDIR "/app\\\\"', 'VOLUME ["\\"/v\\\\\\\\\\""]', 'LABEL "k"="v\\\\"']);
    for (const c of changes) expect(c).not.toMatch(/\\\s*$/);
  });

  it('writes Podman\'s literal form (it strips one pair of quotes, nothing else)', () => {
    const podman = changesFor(config, 'podman');
    expect(podman).toContain('ENV TRICKY="a "b" \\c $d"');
    expect(podman).toContain('LABEL "org.example.x"="say "hi""');
  });

  it('refuses values a one-line change cannot carry', () => {
    expect(() => changesFor({ env: ['A=line\nbreak'] })).toThrow(/line break/);
    expect(() => changesFor({ user: 'a\nUSER root' })).toThrow(/line break/);
    expect(changesFor({ cmd: ['sh', '-c', 'a\nb'] })).toEqual(['CMD ["sh","-c","a\\nb"]']);
    expect(() => changesFor({ env: ['BAD KEY=x'] })).toThrow(/cannot be written/);
  });
});

describe('carryConfig', () => {
  it('names the fields changes cannot carry', () => {
    const { changes, lost } = carryConfig({ Cmd: ['/bin/sh'], Env: ['A=1'], Healthcheck: { Test: ['CMD', 'true'] }, StopSignal: 'SIGINT', OnBuild: ['RUN x'], ExposedPorts: { '80/tcp': {} }, Volumes: { '/v': {} } });
    expect(lost).toEqual(['Healthcheck', 'OnBuild', 'StopSignal']);
    expect(changes).toMatchObject({ cmd: ['/bin/sh'], env: ['A=1'], exposedPorts: ['80/tcp'], volumes: ['/v'] });
  });
});
