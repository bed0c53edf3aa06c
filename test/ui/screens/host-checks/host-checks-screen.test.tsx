import React from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostFacts } from '../../../../src/core/host/facts.js';
import { App } from '../../../../src/ui/app/app.js';
import { HostChecksServicesProvider, type CopyText, type GateMemory, type GatherFacts } from '../../../../src/ui/screens/host-checks/host-checks-context.js';
import { HostChecksScreen } from '../../../../src/ui/screens/host-checks/host-checks-screen.js';
import { hasColour } from '../../../helpers/colour.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';
import { fullOptions, hostFacts, kernelFacts } from '../../../core/host/facts-builder.js';

let tui: Tui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

/** A host with one failure (VETH missing) and a few warnings. */
function failingHost(): HostFacts {
  const options = fullOptions();
  delete options.VETH;
  delete options.CGROUP_PIDS;
  return hostFacts({
    kernel: kernelFacts({ config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: '6.12.21' } } }),
  });
}

const BaseStub = () => <Text>BASE SCREEN</Text>;

async function open(facts: HostFacts | GatherFacts, opts: { columns?: number; rows?: number; copy?: CopyText; theme?: string; memory?: GateMemory } = {}) {
  const gather: GatherFacts = typeof facts === 'function' ? facts : async () => facts;
  tui = await renderTui(
    <HostChecksServicesProvider gather={gather} copy={opts.copy} memory={opts.memory}>
      <App onExit={() => {}} screens={{ host: HostChecksScreen, base: BaseStub }} />
    </HostChecksServicesProvider>,
    { columns: opts.columns ?? 80, rows: opts.rows ?? 24, theme: opts.theme ?? 'default' },
  );
  return tui;
}

const GROUPS = ['Engine', 'Permissions', 'Kernel', 'cgroups', 'Rootless', 'Podman', 'Sizing', 'Container probe'];

describe('Host checks screen', () => {
  it.each([
    [80, 24],
    [200, 50],
  ])('at %ix%i shows every group with its counts and the summary, starting on the failing group', async (columns, rows) => {
    const t = await open(failingHost(), { columns, rows });
    const frame = await t.waitForFrame((f) => f.includes('1 failed'));
    for (const g of GROUPS) expect(frame).toContain(g);
    expect(frame).toMatch(/✗ 1 failed {2}! 2 warnings {2}✓ \d+ passed {2}i \d+ info/);
    expect(frame).toMatch(/› Kernel +✗1 !1 ✓\d+/);
    // Problems first in the findings pane.
    const pane = frame.split('\n').filter((l) => /[✓!✗i] CONFIG_/.test(l));
    expect(pane[0]).toContain('✗ CONFIG_VETH is not set');
    expect(pane[1]).toContain('! CONFIG_CGROUP_PIDS is not set');
    expect(frame.split('\n').at(-1)).toMatch(/^Enter open +f problems +r re-run +c copy +\] next step +\? help +q\/\^C quit/);
  });

  it("at 80x24 the selected finding's title wraps, so a long one reads in full in the list", async () => {
    const options = fullOptions();
    delete options.VETH;
    delete options.NETFILTER_XT_MATCH_IPVS;
    const t = await open(hostFacts({ kernel: kernelFacts({ config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: '6.12.21' } } }) }));
    await t.waitForFrame((f) => f.includes('2 failed'));
    await t.press('tab', 'j');
    // The findings pane is the right-hand column (the groups pane is 30 wide plus a gap).
    const pane = t.frame().split('\n').map((l) => l.slice(31).trim()).join(' ');
    expect(pane).toContain('CONFIG_NETFILTER_XT_MATCH_IPVS is not set — "ipvs" match support');
    expect(t.frame().split('\n').length).toBeLessThanOrEqual(23);
  });

  it('only a kernel option the engine runs without: the question says builds should work and names the feature; a remembers it for this host and kernel', async () => {
    const options = fullOptions();
    delete options.NETFILTER_XT_MATCH_IPVS;
    const facts = hostFacts({ kernel: kernelFacts({ config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: '6.12.21' } } }) });
    const saved = new Set<string>();
    const memory: GateMemory = { accepted: (k) => saved.has(k), accept: (k) => void saved.add(k) };
    let t = await open(facts, { memory });
    await t.waitForFrame((f) => f.includes('1 failed'));
    await t.press(']');
    const asked = t.frame().replace(/[│\s]+/g, ' ');
    expect(asked).toContain('1 check failed. Go on to Base anyway?');
    expect(asked).toContain('(only for swarm-mode services (IPVS load balancing); image builds do not use it)');
    expect(asked).toContain('The engine runs containers here without these kernel options, so builds should work.');
    expect(asked).not.toContain('will likely fail');
    expect(t.frame().split('\n').at(-1)).toMatch(/y go on to Base +a go on, do not ask again +n\/Esc stay/);
    await t.press('a');
    expect(t.frame()).toContain('BASE SCREEN');
    expect([...saved]).toEqual([expect.stringMatching(/ 6\.12\.21-gentoo kernel\.CONFIG_NETFILTER_XT_MATCH_IPVS$/)]);
    // The next launch goes on without asking; a different kernel would ask again.
    t.unmount();
    t = await open(facts, { memory });
    await t.waitForFrame((f) => f.includes('1 failed'));
    await t.press('3');
    expect(t.frame()).not.toContain('Go on to');
    t.unmount();
    t = await open({ ...facts, kernel: { ...facts.kernel, release: '6.12.22-gentoo' } }, { memory });
    await t.waitForFrame((f) => f.includes('failed'));
    await t.press(']');
    expect(t.frame()).toContain('Go on to Base anyway?');
  });

  it('a step asked for while the checks run goes on by itself when they end with an answer already remembered', async () => {
    const options = fullOptions();
    delete options.NETFILTER_XT_MATCH_IPVS;
    const facts = hostFacts({ kernel: kernelFacts({ config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: '6.12.21' } } }) });
    const memory: GateMemory = { accepted: (k) => k.endsWith(' 6.12.21-gentoo kernel.CONFIG_NETFILTER_XT_MATCH_IPVS'), accept: () => {} };
    let resolve: (f: HostFacts) => void = () => {};
    const t = await open(() => new Promise<HostFacts>((r) => (resolve = r)), { memory });
    await t.press('2');
    resolve(facts);
    await t.waitForFrame((f) => f.includes('BASE SCREEN'));
    expect(t.frame()).not.toContain('Go on to');
  });

  it('shows a live checking state and stays responsive until the facts arrive', async () => {
    let resolve: (f: HostFacts) => void = () => {};
    const t = await open(() => new Promise<HostFacts>((r) => (resolve = r)));
    expect(t.frame()).toContain('Checking the host: engine, socket, kernel, cgroups, container probe…');
    for (const g of GROUPS) expect(t.frame()).toContain(g);
    await t.press('?');
    expect(t.frame()).toContain('Keys (');
    await t.press('escape');
    expect(t.frame()).toContain('Checking the host');
    resolve(failingHost());
    await t.waitForFrame((f) => f.includes('1 failed'));
  });

  it('Enter opens the detail with the whole fix wrapped at 80 columns; Esc goes back', async () => {
    const t = await open(failingHost());
    await t.waitForFrame((f) => f.includes('1 failed'));
    await t.press('enter', 'enter');
    const frame = t.frame();
    expect(frame).toContain('FAIL  CONFIG_VETH is not set — Virtual ethernet pair device');
    expect(frame).toContain('Kernel · kernel.CONFIG_VETH · value: none');
    expect(frame).toContain('Why it matters');
    expect(frame).not.toMatch(/lines 1-\d+ of/);
    const text = frame.replace(/\s+/g, '');
    expect(text).toContain('#CONFIG_VETH=m(or=y):DeviceDrivers→Networkdevicesupport→Networkcoredriversupport→Virtualethernetpairdevice[VETH]');
    expect(text).toContain("echo'CONFIG_VETH=m'>>/etc/kernel/config.d/docker.config");
    expect(text).toContain('emerge--oneshotsys-kernel/gentoo-kernel');
    expect(text).toContain('modules_installinstall,andreboot');
    await t.press('escape');
    expect(t.frame()).not.toContain('Why it matters');
    expect(t.frame()).toContain('› ✗ CONFIG_VETH is not set');
  });

  it('a fix longer than the pane scrolls, and every line of it can be reached', async () => {
    const options = fullOptions();
    for (const s of ['USER_NS', 'TUN', 'FUSE_FS']) delete options[s];
    const facts = hostFacts({
      rootlessAsked: true,
      kernel: kernelFacts({ release: '5.10.200', config: { found: true, path: '/proc/config.gz', source: 'proc', options, header: { arch: 'x86', version: '5.10.200' } } }),
    });
    const t = await open(facts);
    await t.waitForFrame((f) => f.includes('failed'));
    expect(t.frame()).toMatch(/› Rootless/);
    await t.press('enter', 'enter');
    let frame = t.frame();
    expect(frame).toContain('FAIL  Kernel options for rootless missing: USER_NS, TUN, FUSE_FS');
    expect(frame).toMatch(/lines 1-19 of \d+ \(↑↓ PgUp PgDn scroll\)/);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      frame.split('\n').slice(2, -2).forEach((l) => seen.add(l));
      await t.press('down');
      frame = t.frame();
    }
    expect(frame).toMatch(/lines \d+-(\d+) of \1 /);
    const text = [...seen].join('\n');
    expect(text).toContain("echo 'CONFIG_FUSE_FS=m' >> /etc/kernel/config.d/docker.config");
    expect(text).toContain('emerge --ask sys-fs/fuse-overlayfs');
    await t.press('home');
    expect(t.frame()).toMatch(/lines 1-19 of/);
  });

  it('f shows problems only and back again', async () => {
    const t = await open(failingHost());
    await t.waitForFrame((f) => f.includes('1 failed'));
    await t.press('tab');
    expect(t.frame()).toMatch(/✓ CONFIG_NAMESPACES=y/);
    await t.press('f');
    expect(t.frame()).toContain('Kernel, problems only (2 of');
    expect(t.frame()).not.toMatch(/✓ CONFIG_/);
    expect(t.frame()).toContain('! CONFIG_CGROUP_PIDS is not set');
    await t.press('f');
    expect(t.frame()).toMatch(/✓ CONFIG_NAMESPACES=y/);
  });

  it('r runs the checks again and shows the new result', async () => {
    const gather = vi.fn<GatherFacts>(async () => failingHost());
    const t = await open(gather);
    await t.waitForFrame((f) => f.includes('1 failed'));
    gather.mockImplementation(async () => hostFacts());
    await t.press('r');
    await t.waitForFrame((f) => f.includes('0 failed'));
    expect(gather).toHaveBeenCalledTimes(2);
  });

  it('c sends the selected finding\'s fix as OSC 52 and says what was sent, not that it arrived', async () => {
    const t = await open(failingHost());
    await t.waitForFrame((f) => f.includes('1 failed'));
    await t.press('tab', 'c');
    const osc = t.stdout.frames.find((f) => f.includes('\x1b]52;c;'));
    expect(osc).toBeDefined();
    const payload = /\x1b\]52;c;([A-Za-z0-9+/=]+)\x07/.exec(osc!)![1]!;
    const copied = Buffer.from(payload, 'base64').toString('utf8');
    expect(copied).toContain("echo 'CONFIG_VETH=m' >> /etc/kernel/config.d/docker.config\n");
    const said = t.frame().replace(/\n */g, ' ');
    expect(said).toMatch(/Sent \d+ lines of fix commands as OSC 52 to the terminal; if nothing arrived/);
    expect(said).not.toContain('Copied');
  });

  it('c in the groups pane copies every problem fix of the group', async () => {
    const copy = vi.fn<CopyText>(() => ({ ok: true, bytes: 1, multiplexer: 'tmux' }));
    const t = await open(failingHost(), { copy });
    await t.waitForFrame((f) => f.includes('1 failed'));
    await t.press('c');
    const text = copy.mock.calls[0]![0];
    expect(text).toContain('# CONFIG_VETH is not set');
    expect(text).toContain('# CONFIG_CGROUP_PIDS is not set');
    // tmux drops the sequence unless passthrough is on: say how to turn it on, never "Copied".
    const said = t.frame().replace(/\n */g, ' ');
    expect(said).toMatch(/Sent \d+ lines of fix commands as OSC 52 through tmux; if nothing arrived, enable it: tmux set -g allow-passthrough on \(and set-clipboard on\)/);
    expect(said).not.toContain('Copied');
  });

  it('moving on with a failure asks first; n stays, y goes to Base; a digit is guarded too', async () => {
    const t = await open(failingHost());
    await t.waitForFrame((f) => f.includes('1 failed'));
    await t.press(']');
    expect(t.frame()).toContain('1 check failed. Go on to Base anyway?');
    expect(t.frame()).toContain('CONFIG_VETH is not set');
    await t.press('n');
    expect(t.frame()).not.toContain('Go on to Base anyway?');
    expect(t.frame()).not.toContain('BASE SCREEN');
    await t.press('2');
    expect(t.frame()).toContain('Go on to Base anyway?');
    await t.press('y');
    expect(t.frame()).toContain('BASE SCREEN');
  });

  it('moving on with warnings only needs no confirmation', async () => {
    const t = await open(hostFacts());
    await t.waitForFrame((f) => f.includes('0 failed'));
    expect(t.frame()).toContain('ready with warnings');
    await t.press(']');
    expect(t.frame()).toContain('BASE SCREEN');
  });

  it('asks before moving on while the checks still run', async () => {
    const t = await open(() => new Promise<HostFacts>(() => {}));
    await t.press(']');
    expect(t.frame()).toContain('The host checks have not finished. Go on to Base anyway?');
    await t.press('escape');
    expect(t.frame()).toContain('Checking the host');
  });

  it('without colour the selection is still visible: marker and inverse', async () => {
    const t = await open(failingHost(), { theme: 'mono' });
    await t.waitForFrame((f) => f.includes('1 failed'));
    for (const frame of t.stdout.frames) expect(hasColour(frame)).toBe(false);
    expect(t.frame()).toMatch(/› Kernel/);
    expect(t.rawFrame()).toContain('\x1b[7m');
  });
});
