import { describe, expect, it } from 'vitest';
import { decoratedFlag, flagMeaning, formatKiB, summarisePackage } from '../../../src/core/pretend/package-summary.js';
import { parsePretend } from '../../../src/core/portage/pretend/pretend-parser.js';
import { rig } from '../fixtures.js';

const pkgs = (name: string) => parsePretend(rig(name)).packages;

describe('summarisePackage', () => {
  it('a reinstall with changed and new flags (14: curl http2*, websockets%*)', () => {
    const curl = pkgs('14-use-change-needed').find((p) => p.name === 'curl')!;
    const s = summarisePackage(curl);
    expect(s.status).toBe('R');
    expect(s.statusWords).toEqual(['reinstall']);
    expect(s.atom).toBe('net-misc/curl');
    expect(s.newVersion).toBe('8.11.1');
    expect(s.oldVersion).toBeNull();
    expect(s.useText).toBe('+http2 +websockets%');
    expect(s.downloadKiB).toBe(0);
  });

  it('an upgrade to a keyword-masked version (11)', () => {
    const s = summarisePackage(pkgs('11-keyword-autounmask')[0]!);
    expect(s.status).toBe('U~');
    expect(s.statusWords).toEqual(['upgrade', 'keyword-masked (~): testing branch']);
    expect(s.oldVersion).toBe('3.3.2-r2');
    expect(s.newVersion).toBe('3.4.0');
    expect(s.useText).toBe('');
  });

  it('blockers, uninstalls and fetch restrictions (16, 16-soft, 13)', () => {
    const blocker = pkgs('16-blocker-hard').find((p) => p.kind === 'blocks')!;
    expect(summarisePackage(blocker)).toMatchObject({ status: 'B', atom: 'dev-libs/openssl', newVersion: '', statusWords: ['unresolved blocker (B)'] });
    const soft = pkgs('16-blocker-soft-resolved');
    expect(summarisePackage(soft.find((p) => p.kind === 'uninstall')!).status).toBe('del');
    expect(summarisePackage(soft.find((p) => p.kind === 'blocks')!).status).toBe('b');
    const fetch = summarisePackage(pkgs('13-license-autounmask')[0]!);
    expect(fetch.status).toBe('NF');
    expect(fetch.statusWords).toEqual(['new', 'fetch-restricted: files missing (F)']);
    expect(formatKiB(fetch.downloadKiB)).toBe('3106 KiB');
  });
});

describe('flags in words', () => {
  it('decorates and explains every kind of flag Portage prints', () => {
    const curl = pkgs('14-use-change-needed').find((p) => p.name === 'curl')!;
    const flag = (n: string) => curl.use.find((f) => f.name === n)!;
    expect(decoratedFlag(flag('http2'))).toBe('http2*');
    expect(flagMeaning(flag('http2'))).toBe('on, changed (*)');
    expect(decoratedFlag(flag('websockets'))).toBe('websockets%*');
    expect(flagMeaning(flag('websockets'))).toBe('on, changed (*), new in IUSE (%)');
    expect(decoratedFlag(flag('http3'))).toBe('(-http3)');
    expect(flagMeaning(flag('http3'))).toBe('off, masked by the profile ()');
    expect(decoratedFlag(flag('gnutls'))).toBe('-gnutls');
    expect(flag('gnutls').flag).toBe('curl_ssl_gnutls');
  });

  it('formats sizes as Portage counts them, shortened when large', () => {
    expect(formatKiB(null)).toBe('');
    expect(formatKiB(0)).toBe('0 KiB');
    expect(formatKiB(12622)).toBe('12.3 MiB');
    expect(formatKiB(20 * 1024 * 1024)).toBe('20.0 GiB');
  });
});
