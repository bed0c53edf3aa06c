// Lines as real Portage 3.0.82 printed them here (a URL nobody listens on, an empty folder served by
// python3 -m http.server, a corrupted .gpkg.tar, --getbinpkgonly without the package, no gpg).
import { describe, expect, it } from 'vitest';
import { binhostFailures, explainBinhostFailures, type PlanBinhostRef } from '../../../src/core/pretend/explain-binhost.js';
import { explainProblems } from '../../../src/core/pretend/explain-problems.js';
import { parsePretend } from '../../../src/core/portage/pretend/pretend-parser.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';

const hosts: PlanBinhostRef[] = [
  { section: 'served-lan', url: 'http://gwb-binhost-lan:8000/', source: { kind: 'served', name: 'lan' } },
  { section: 'binhost.lan', url: 'http://binhost.lan/', source: { kind: 'url', url: 'http://binhost.lan/' } },
];

const REFUSED = `!!! [served-lan] <urlopen error [Errno 111] Connection refused>


These are the packages that would be merged, in order:

Calculating dependencies ... done!
Dependency resolution took 0.01 s (backtrack: 0/20).


emerge: there are no binary packages to satisfy "app-misc/oldtool".

emerge: searching for similar names... nothing similar found.
`;

describe('binhost failures in Portage output', () => {
  it('names the binhost that does not answer, answers 404, or does not resolve', () => {
    const text = `${REFUSED}\n!!! [binhost.lan] Error fetching binhost package info from 'http://binhost.lan'\n!!! [binhost.lan] HTTP Error 404: File not found\n!!! [gentoobinhost] <urlopen error [Errno -3] Temporary failure in name resolution>\n`;
    expect(binhostFailures(text).map((f) => [f.kind, f.section, f.subject])).toEqual([
      ['unreachable', 'served-lan', null], ['no-binary', null, 'app-misc/oldtool'], ['no-index', 'binhost.lan', null], ['unreachable', 'gentoobinhost', null],
    ]);
    const explained = explainBinhostFailures(text, hosts, 'fail');
    expect(explained[0]).toMatchObject({ severity: 'error', title: 'served binhost "lan" (http://gwb-binhost-lan:8000/) does not answer: nothing listens at that address (connection refused)' });
    expect(explained[0]!.text).toMatch(/The recipe allows binary packages only, so the build stops\.$/);
    expect(explained[2]!.title).toBe('binhost http://binhost.lan/ answers 404: it has no package index (Packages) at that address');
    expect(explained[3]!.title).toMatch(/^binhost \[gentoobinhost\] does not answer: its host name does not resolve/);
    // A build's output.log: the engine's timestamps in front.
    expect(binhostFailures('2026-12-07T10:54:25.713692107Z emerge: there are no binary packages to satisfy "app-misc/hello".\n').map((f) => f.subject)).toEqual(['app-misc/hello']);
    // Allowed to compile: an unreachable binhost only warns.
    expect(explainBinhostFailures(REFUSED, hosts, 'compile')[0]!.severity).toBe('warning');
  });

  it('names the binhost and package whose checksum or signature fails', () => {
    const text = `>>> Emerging binary (1 of 1) app-misc/oldtool-1.0::gentoo

!!! Digest verification failed:
!!! /var/cache/binhost/served-lan/app-misc/oldtool/oldtool-1.0-1.gpkg.tar.partial
!!! Reason: Failed on SHA1 verification
!!! Got: 10ebb4493b9b647462c213aa7beb2d02f8f79407
!!! Expected: cff152d708f3075671814d3012fc39f3b68881e4
!!! Error extracting '/var/cache/binhost/binhost.lan/app-misc/newtool/newtool-2.0-1.gpkg.tar', [Errno 2] No such file or directory: '/usr/bin/gpg'
`;
    const explained = explainBinhostFailures(text, hosts, 'compile');
    expect(explained.map((e) => [e.severity, e.title])).toEqual([
      ['warning', 'served binhost "lan" (http://gwb-binhost-lan:8000/) served a package that fails its checksum (Failed on SHA1 verification): a corrupted or replaced file — app-misc/oldtool-1.0'],
      // No gpg in the base is not the package's fault: the fallback leaves it, so the build stops.
      ['error', "binhost http://binhost.lan/ served a package whose signature could not be verified ([Errno 2] No such file or directory: '/usr/bin/gpg') — app-misc/newtool-2.0"],
    ]);
    expect(explained[0]!.text).toContain('The build compiles that package from source instead');
    const refused = explainBinhostFailures("!!! Error extracting '/var/cache/binhost/binhost.lan/app-misc/newtool/newtool-2.0-1.gpkg.tar', GnuPG verification failed\n", hosts, 'compile');
    expect(refused.map((e) => [e.severity, e.title])).toEqual([['warning', 'binhost http://binhost.lan/ served a package whose signature could not be verified (GnuPG verification failed) — app-misc/newtool-2.0']]);
    expect(explainBinhostFailures(text, hosts, 'fail').map((e) => e.severity)).toEqual(['error', 'error']);
    expect(explained[0]!.portageLines[1]).toBe('!!! /var/cache/binhost/served-lan/app-misc/oldtool/oldtool-1.0-1.gpkg.tar.partial');
  });

  it('pretend says the binhost, not "no ebuilds", when --getbinpkgonly finds no binary', () => {
    const r = { ...newRecipe({ name: 'x', base: 'b', packages: ['app-misc/oldtool'] }), binaries: { hosts: [hosts[0]!.source], onMissing: 'fail' as const } };
    const explained = explainProblems(parsePretend(REFUSED), REFUSED, r, { binhosts: hosts.slice(0, 1) });
    expect(explained.map((e) => e.title)).toEqual([
      'served binhost "lan" (http://gwb-binhost-lan:8000/) does not answer: nothing listens at that address (connection refused)',
      'no binhost has a usable binary package of app-misc/oldtool (served binhost "lan" (http://gwb-binhost-lan:8000/))',
    ]);
    // Without binhosts in the context, the problem stays Portage's own.
    expect(explainProblems(parsePretend(REFUSED), REFUSED, r).map((e) => e.kind)).toEqual(['no-ebuilds']);
  });
});
