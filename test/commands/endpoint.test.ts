// `gentoo-wb endpoint`: the JSON scripts rely on, the rule that chose the endpoint, exit codes.
import { afterEach, describe, expect, it } from 'vitest';
import { register } from '../../src/commands/endpoint.js';
import { describeEngines } from '../helpers/podman.js';
import { runCli } from './helpers/cli.js';

const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONTEXT: process.env.DOCKER_CONTEXT };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('gentoo-wb endpoint (no engine needed)', () => {
  it('reports an unreachable endpoint with the rule, the error and exit 1', async () => {
    process.env.DOCKER_HOST = 'unix:///nonexistent/gwb.sock';
    const r = await runCli([register], ['endpoint', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ host: 'unix:///nonexistent/gwb.sock', source: 'DOCKER_HOST', context: null, engine: null, apiVersion: null, reachable: false });
    expect(doc.error).toMatch(/no engine answers at unix:\/\/\/nonexistent\/gwb.sock/);
  });

  it('warns when DOCKER_HOST and DOCKER_CONTEXT are both set', async () => {
    process.env.DOCKER_HOST = 'unix:///nonexistent/gwb.sock';
    process.env.DOCKER_CONTEXT = 'somewhere';
    const r = await runCli([register], ['endpoint']);
    expect(r.stdout).toMatch(/chosen by {2}the DOCKER_HOST variable/);
    expect(r.stdout).toMatch(/warning {4}DOCKER_HOST .* and DOCKER_CONTEXT .* are both set; DOCKER_HOST wins/);
  });

  it('refuses -H with --context (exit 2) and names a missing context (exit 1)', async () => {
    expect((await runCli([register], ['-H', 'unix:///x', '--context', 'y', 'endpoint'])).code).toBe(2);
    const r = await runCli([register], ['--context', 'gwb-no-such-context', 'endpoint', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'flag', context: 'gwb-no-such-context', reachable: false, error: expect.stringContaining('does not exist') });
  });
});

describeEngines('gentoo-wb endpoint', (engine) => {
  it('prints {host, source, context, engine, apiVersion, reachable} for the engine given with -H', async () => {
    const r = await runCli([register], ['-H', engine().endpoint.host, 'endpoint', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      host: engine().endpoint.host, source: 'flag', context: null, engine: engine().kind, apiVersion: engine().info.apiVersion, reachable: true,
    });
    const human = await runCli([register], ['-H', engine().endpoint.host, 'endpoint']);
    expect(human.stdout).toMatch(new RegExp(`engine     ${engine().kind === 'podman' ? 'Podman' : 'Docker'} `));
  });
});
