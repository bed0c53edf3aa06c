// `gentoo-wb binhost serve|status|stop` as a user runs them: usage mistakes before any engine call, the
// URLs, the recipe option and the binrepos.conf stanza printed, status as JSON and as a table, stop, and
// which binhost `stop` picks without a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/commands/binhost.js';
import { removeContainerSurely } from '../../src/engine/docker/index.js';
import { chooseBinhost } from '../../src/engine/binhost/stop-binhost.js';
import type { ServedBinhost } from '../../src/engine/binhost/find-served-binhost.js';
import { currentNamespace } from '../../src/engine/docker/object-names.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { cpvs, makeFixture, type BinhostFixture } from '../engine/binhost/binhost-fixture.js';
import { runCli } from './helpers/cli.js';

const cli = (...args: string[]) => runCli([register], ['binhost', ...args]);

describe('binhost usage', () => {
  it('refuses a request that cannot be right before talking to the engine (exit 2)', async () => {
    for (const [args, said] of [
      [['serve'], 'give one of --recipe FILE and --key CACHEKEY'],
      [['serve', '--recipe', 'r.json', '--key', 'abcdef012345'], 'give one of --recipe FILE and --key CACHEKEY'],
      [['serve', '--key', 'abcdef012345', '--name', 'Bad_Name'], '--name: "Bad_Name" is not a binhost name'],
      [['serve', '--key', 'abcdef012345', '--name', 'gentoo'], 'reserved'],
      [['serve', '--key', 'abcdef012345', '--port', '70000'], '--port 70000: ports go up to 65535'],
      [['serve', '--key', 'abcdef012345', '--port', 'http'], '--port http: not a port number'],
      [['serve', '--key', 'gentoo-wb-binpkgs-abcdef012345'], '--key: "gentoo-wb-binpkgs-abcdef012345" is not a binary package cache key'],
    ] as const) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stdout).toBe('');
    }
  });

  it('stop without a name takes the only binhost, and asks which when there are several or none', () => {
    const b = (name: string): ServedBinhost => ({ name, key: 'k', volume: 'v', port: 1, network: null, containerName: `c-${name}`, urlInNetwork: null, hostUrl: null, running: true });
    expect(chooseBinhost([b('a')], undefined).name).toBe('a');
    expect(chooseBinhost([b('a'), b('b')], 'b').name).toBe('b');
    expect(() => chooseBinhost([b('a'), b('b')], undefined)).toThrow('2 binhosts are served (a, b); say which one to stop');
    expect(() => chooseBinhost([], undefined)).toThrow('no binhost is served');
    expect(() => chooseBinhost([b('a')], 'x')).toThrow('no binhost called x is served (served: a)');
  });
});

describeDocker('binhost serve, status, stop (real engine, real Portage cache)', () => {
  let fx: BinhostFixture;
  const name = `cmd-${process.pid}`;
  const plain = `${name}-p`;
  const namespace = currentNamespace();

  beforeAll(async () => {
    fx = await makeFixture('cmd');
    const built = await fx.inBase(['sh', '-c', 'emerge --buildpkg --oneshot --color=n app-misc/newtool >/tmp/log 2>&1 || { tail -20 /tmp/log; exit 1; }']);
    expect(built.exitCode, built.output).toBe(0);
  });

  afterAll(async () => {
    for (const n of [name, plain]) await removeContainerSurely(testDocker(), `gentoo-wb-${namespace}-binhost-${n}`);
    await fx?.remove();
  });

  it('serve --json on a network prints both URLs, the recipe option and the stanza; a container on the network reads /Packages', async () => {
    const r = await cli('serve', '--key', fx.key, '--image', realPortageImages().base, '--name', name, '--port', '0', '--network', fx.network, '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { hostUrl: string; urlInNetwork: string; port: number };
    expect(doc).toMatchObject({
      name, key: fx.key, volume: fx.volume, network: fx.network, containerName: `gentoo-wb-${namespace}-binhost-${name}`, running: true, answers: true, packages: 1,
      urlInNetwork: `http://gentoo-wb-${namespace}-binhost-${name}:8000/`, recipeOption: `--binhost ${name}`, image: realPortageImages().base,
    });
    expect(doc.hostUrl).toBe(`http://${new URL(doc.hostUrl).hostname}:${doc.port}/`);
    expect(doc.binreposConf).toBe(`[${name}]\npriority = 10\nsync-uri = ${doc.hostUrl}\nverify-signature = false\n`);
    const got = await fx.get(`${doc.urlInNetwork}Packages`);
    expect(cpvs(got.output)).toEqual(['app-misc/newtool-2.0']);
  }, 90_000);

  it('serve for people names the other hosts\' URL, the recipe line and the binrepos.conf stanza; a second serve of the name is refused', async () => {
    const r = await cli('serve', '--key', fx.key, '--image', realPortageImages().base, '--name', plain, '--port', '0');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('refreshing the Packages index (emaint binhost --fix) …');
    const url = /other hosts: +(http:\/\/\S+)/.exec(r.stdout)?.[1];
    expect(url).toBeDefined();
    expect(r.stdout).toContain(`serving binhost ${plain} (key ${fx.key}, volume ${fx.volume}, 1 package)`);
    expect(r.stdout).not.toContain('containers on');
    expect(r.stdout).toContain(`gentoo-wb recipe new … --binhost ${plain}`);
    expect(r.stdout).toContain(`    [${plain}]\n    priority = 10\n    sync-uri = ${url!}\n    verify-signature = false\n`);
    const again = await cli('serve', '--key', fx.key, '--image', realPortageImages().base, '--name', plain, '--port', '0');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`gentoo-wb: a binhost called ${plain} is already served`);
    expect(again.stderr).toContain(`hint: stop it first (gentoo-wb binhost stop ${plain})`);
  }, 90_000);

  it('status lists both with their package counts; stop removes one and keeps the cache volume', async () => {
    const json = await cli('status', '--json');
    expect(json.code, json.stderr).toBe(0);
    const list = (JSON.parse(json.stdout) as { name: string; answers: boolean; packages: number | null; state: string; volume: string }[]).filter((b) => b.name === name || b.name === plain);
    expect(list.map((b) => [b.name, b.state, b.answers, b.packages, b.volume])).toEqual([[name, 'running', true, 1, fx.volume], [plain, 'running', true, 1, fx.volume]]);
    const table = await cli('status');
    expect(table.stdout).toMatch(/^NAME +KEY +STATE +ANSWERS +PACKAGES +URLS$/m);
    expect(table.stdout).toMatch(new RegExp(`^${name} +${fx.key} +running +yes +1 +http://\\S+ http://gentoo-wb-${namespace}-binhost-${name}:8000/$`, 'm'));

    const stop = await cli('stop', plain);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toBe(`stopped binhost ${plain} (removed container gentoo-wb-${namespace}-binhost-${plain}; the cache volume ${fx.volume} stays)\n`);
    const after = JSON.parse((await cli('status', '--json')).stdout) as { name: string }[];
    expect(after.map((b) => b.name)).toContain(name);
    expect(after.map((b) => b.name)).not.toContain(plain);
    expect((await testDocker().getVolume(fx.volume).inspect()).Name).toBe(fx.volume);
    const missing = await cli('stop', plain);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no binhost called ${plain} is served`);
  }, 90_000);

  it('a cache no build filled is refused with what to do', async () => {
    const r = await cli('serve', '--key', '000000000000', '--image', realPortageImages().base, '--name', `${name}-x`, '--port', '0');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`checking the request …\ngentoo-wb: no binary packages to serve for key 000000000000: the cache volume gentoo-wb-${namespace}-binpkgs-000000000000 does not exist (no build has filled it yet)\n  hint: build a recipe with that base and CFLAGS and caches.binpkgs on first (gentoo-wb build RECIPE), then serve it\n`);
  });
});
