import { describe, expect, it } from 'vitest';
import { evaluateHost } from '../../../src/core/host/evaluate.js';
import { podmanFindings } from '../../../src/core/host/podman-rules.js';
import { reportJson } from '../../../src/core/host/report-json.js';
import { reportText } from '../../../src/core/host/report-text.js';
import { dockerEngine, hostFacts, kernelFacts } from './facts-builder.js';

describe('evaluating a host', () => {
  it('a healthy host is ok with the root-equivalence warning and sizes from the engine', () => {
    const r = evaluateHost(hostFacts());
    expect(r.ok).toBe(true);
    expect(r.findings.filter((f) => f.status === 'warn').map((f) => f.id)).toEqual(['sec.dockerGroup']);
    expect(r.sizing).toMatchObject({ source: 'engine', makeopts: '-j4 -l17' });
    expect(new Set(r.findings.map((f) => f.id)).size).toBe(r.findings.length);
  });

  it('only evaluates the groups asked for', () => {
    const r = evaluateHost(hostFacts(), ['cgroups']);
    expect(new Set(r.findings.map((f) => f.group))).toEqual(new Set(['cgroups']));
  });

  it('text groups problems first with fix lines; JSON carries id, value and the summary', () => {
    const options = { ...(kernelFacts().config.found ? (kernelFacts().config as { options: Record<string, string> }).options : {}) };
    delete options.VETH;
    const facts = hostFacts({ kernel: kernelFacts({ config: { found: true, path: '/boot/config-6.12.21-gentoo', source: 'boot', options, header: { arch: 'x86', version: '6.12.21' } } }) });
    const r = evaluateHost(facts);
    expect(r.ok).toBe(false);
    const text = reportText(r, { ascii: true }, 412);
    const kernel = text.split('\n\n').find((b) => b.startsWith('Kernel\n'))!;
    const lines = kernel.split('\n');
    expect(lines[1]).toBe('  FAIL  CONFIG_VETH is not set - Virtual ethernet pair device');
    expect(lines[2]).toMatch(/^ {8}# CONFIG_VETH=m \(or =y\): Device Drivers > Network device support/);
    expect(text).not.toMatch(/[^\x20-\x7e\n]/);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^1 failed, 1 warnings, \d+ passed, \d+ info in 0\.41 s: fix the failures before building$/);
    expect(reportText(r, { ascii: true }).trimEnd().split('\n').at(-1)).toMatch(/^1 failed, 1 warnings, \d+ passed, \d+ info: fix the failures before building$/);
    const json = reportJson(r, '/', 412);
    expect(json.findings.find((f) => f.id === 'kernel.CONFIG_VETH')).toMatchObject({ status: 'fail', value: null, group: 'kernel' });
    expect(json.findings.find((f) => f.id === 'cg.mode')!.value).toBe('v2');
    expect(json.findings.find((f) => f.id === 'eng.storage')!.value).toBe('overlay2');
    expect(json.summary).toMatchObject({ fail: 1, ok: false, elapsedMs: 412, total: r.findings.length });
  });
});

describe('podman findings', () => {
  it('reports each socket found with its API version, stale ones as warnings, and how to start one otherwise', () => {
    const engine = dockerEngine();
    const found = podmanFindings({ sockets: [
      { path: '/run/podman/podman.sock', scope: 'rootful', access: 'ok', apiVersion: '4.3.1', error: null },
      { path: '/run/user/1000/podman/podman.sock', scope: 'rootless', access: 'ok', apiVersion: null, error: 'ECONNREFUSED' },
    ], looked: [] }, engine, true);
    expect(found.map((f) => [f.id, f.status, f.value])).toEqual([['pod.socket', 'pass', '4.3.1'], ['pod.socket.2', 'warn', null]]);
    expect(found[0]!.title).toBe('Rootful Podman socket /run/podman/podman.sock answers, Libpod API 4.3.1');
    const none = podmanFindings({ sockets: [], looked: ['/run/podman/podman.sock'] }, engine, true);
    expect(none[0]!.fix[0]).toBe('systemctl --user enable --now podman.socket   # systemd');
  });
});
