// The binary-fallback script itself, run by the real-Portage base's sh (dash), GNU sed and find, on the
// traces Portage 3.0.82 leaves, written here with Portage's own words (quoted from its source below):
// which packages it names, with which binhost and reason, and the emerge it runs again. A whole signature
// round-trip needs gpg, which the test image lacks; the real refusal by Portage is in binary-fallback.test.ts.
import { expect, it } from 'vitest';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { parseBinaryFallbackLine, withBinaryFallback } from '../../../src/core/plan/binary-fallback.js';
import { runInImage } from '../../helpers/containers.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';

const SCRIPT = withBinaryFallback(
  { ...newRecipe({ name: 'x', base: 'gentoo/stage3', packages: ['x'] }), binaries: { hosts: [{ kind: 'url', url: 'http://lan/' }], onMissing: 'compile' } },
  [{ id: 'emerge', title: 'emerge', argv: ['emerge', '--getbinpkg', 'x'], env: {}, output: 'emerge', okExitCodes: [] }],
).files[0]!.content;

const pkg = (section: string, cp: string, file: string) => `/var/cache/binhost/${section}/${cp}/${file}`;
const ERR = (path: string, reason: string) => `!!! Error extracting '${path}', ${reason}`;

// _emerge/Binpkg.py _unpack_metadata_exit:   f"!!! Error extracting '{self._pkg_path}', {e}\n"  (into PORTAGE_LOG_FILE)
// portage/gpkg.py checksum_helper.finish:    raise InvalidSignature("GnuPG verification failed")
// portage/gpkg.py _verify_binpkg:            raise MissingSignature(f"Manifest not found: {self.gpkg_file}")
//                                            raise MissingSignature(f"{f} signature not found in {self.gpkg_file}")
//                                            raise DigestException(f"{f} checksum mismatched in {self.gpkg_file}")
const LOGS: Record<string, { lines: string[]; old?: boolean }> = {
  'app-misc/oldtool-1.0': { lines: ['>>> Extracting info', ERR(pkg('served-lan', 'app-misc/oldtool', 'oldtool-1.0-1.gpkg.tar'), 'GnuPG verification failed')] },
  'app-misc/newtool-2.0': { lines: [ERR(pkg('lan-8080', 'app-misc/newtool', 'newtool-2.0-1.gpkg.tar'), `newtool-2.0-1/image.tar.zst signature not found in ${pkg('lan-8080', 'app-misc/newtool', 'newtool-2.0-1.gpkg.tar')}`)] },
  'dev-libs/nomani-1': { lines: [ERR(pkg('served-lan', 'dev-libs/nomani', 'nomani-1-1.gpkg.tar'), `Manifest not found: ${pkg('served-lan', 'dev-libs/nomani', 'nomani-1-1.gpkg.tar')}`)] },
  'dev-libs/inner-3': { lines: [ERR(pkg('served-lan', 'dev-libs/inner', 'inner-3-1.gpkg.tar'), `inner-3-1/image.tar.zst checksum mismatched in ${pkg('served-lan', 'dev-libs/inner', 'inner-3-1.gpkg.tar')}`)] },
  // Not a package's fault (no gpg here): no fallback.
  'dev-libs/nogpg-1': { lines: [ERR(pkg('served-lan', 'dev-libs/nogpg', 'nogpg-1-1.gpkg.tar'), "[Errno 2] No such file or directory: '/usr/bin/gpg'")] },
  // Written before this step started: an earlier step's.
  'dev-libs/earlier-1': { old: true, lines: [ERR(pkg('served-lan', 'dev-libs/earlier', 'earlier-1-1.gpkg.tar'), 'GnuPG verification failed')] },
};

// _emerge/Scheduler.py _run_pkg_pretend (a package with pkg_pretend, unpacked before the builds start),
// to the terminal only:  writemsg(f"!!! Invalid binary package: '{bintree.getname(x.cpv)}', {e}\n")
// (e: SignatureException, whose subclasses are InvalidSignature, MissingSignature and DigestException).
const PRETEND = (path: string, reason: string) => `!!! Invalid binary package: '${path}', ${reason}`;
const OUTPUT = [
  '>>> Running pre-merge checks for app-misc/pretendy-1',
  PRETEND(pkg('served-lan', 'app-misc/pretendy', 'pretendy-1-1.gpkg.tar'), 'GnuPG verification failed'),
  PRETEND(pkg('lan-8080', 'dev-libs/pretendsum', 'pretendsum-2-1.gpkg.tar'), `pretendsum-2-1/image.tar.zst checksum mismatched in ${pkg('lan-8080', 'dev-libs/pretendsum', 'pretendsum-2-1.gpkg.tar')}`),
  // Not the package's fault: no fallback.
  PRETEND(pkg('served-lan', 'dev-libs/pretendnogpg', 'pretendnogpg-1-1.gpkg.tar'), "[Errno 2] No such file or directory: '/usr/bin/gpg'"),
  // The same words quoted inside other output are not a refusal of Portage's.
  `einfo: see "!!! Invalid binary package: '${pkg('served-lan', 'dev-libs/quoted', 'quoted-1-1.gpkg.tar')}', GnuPG verification failed" above`,
];

describeDocker('the binary-fallback script on Portage traces (real sh, sed and find of the base)', () => {
  it('names each refused package with its binhost and reason, and runs the emerge again without their binaries', async () => {
    // The step runner's copy of the step's output sits beside its start file (step-runner.ts).
    const files: Record<string, string> = { '/gwb/binary-fallback': SCRIPT, '/tmp/output': `${OUTPUT.join('\n')}\n` };
    for (const [cpv, log] of Object.entries(LOGS)) files[`/var/tmp/portage/${cpv}/temp/build.log`] = `${log.lines.join('\n')}\n`;
    const setup = [
      // The files above were put in before the start file exists: make them newer, except the earlier step's.
      'sleep 1; : > /tmp/started; sleep 1',
      ...Object.entries(LOGS).map(([cpv, log]) => (log.old ? `touch -d '2020-01-01' /var/tmp/portage/${cpv}/temp/build.log` : `touch /var/tmp/portage/${cpv}/temp/build.log`)),
      // A checksum failure as BinpkgVerifier leaves it: the fetched file renamed in its folder.
      'mkdir -p /var/cache/binhost/served-lan/app-misc/renamed && : > /var/cache/binhost/served-lan/app-misc/renamed/renamed-1-1.gpkg.tar._checksum_failure_.x1y2',
      'exec sh /gwb/binary-fallback 1 /tmp/started FEATURES=getbinpkg printf "<%s>" emerge --getbinpkg x',
    ].join('\n');
    const r = await runInImage(testDocker(), ['sh', '-c', setup], { files });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const said = lines.filter((l) => l.startsWith('>>> gentoo-wb:'));
    expect(said).toEqual([
      '>>> gentoo-wb: the binary of dev-libs/pretendsum from lan-8080 failed its checksum: compiling it from source instead',
      '>>> gentoo-wb: the binary of app-misc/renamed from served-lan failed its checksum: compiling it from source instead',
      '>>> gentoo-wb: the binary of dev-libs/inner from served-lan failed its checksum: compiling it from source instead',
      '>>> gentoo-wb: the binary of app-misc/newtool from lan-8080 failed its signature check: compiling it from source instead',
      '>>> gentoo-wb: the binary of app-misc/oldtool from served-lan failed its signature check: compiling it from source instead',
      '>>> gentoo-wb: the binary of app-misc/pretendy from served-lan failed its signature check: compiling it from source instead',
      '>>> gentoo-wb: the binary of dev-libs/nomani from served-lan failed its signature check: compiling it from source instead',
    ]);
    expect(said.map(parseBinaryFallbackLine)).toEqual([
      { cp: 'dev-libs/pretendsum', hosts: ['lan-8080'], reason: 'checksum' },
      { cp: 'app-misc/renamed', hosts: ['served-lan'], reason: 'checksum' },
      { cp: 'dev-libs/inner', hosts: ['served-lan'], reason: 'checksum' },
      { cp: 'app-misc/newtool', hosts: ['lan-8080'], reason: 'signature' },
      { cp: 'app-misc/oldtool', hosts: ['served-lan'], reason: 'signature' },
      { cp: 'app-misc/pretendy', hosts: ['served-lan'], reason: 'signature' },
      { cp: 'dev-libs/nomani', hosts: ['served-lan'], reason: 'signature' },
    ]);
    // The same emerge, once, with the refused packages excluded from binaries (the last line, printf's).
    expect(lines.at(-1)).toBe('<emerge><--getbinpkg><x><--usepkg-exclude><dev-libs/pretendsum app-misc/renamed dev-libs/inner app-misc/newtool app-misc/oldtool app-misc/pretendy dev-libs/nomani>');
  }, 60_000);

  it('with nothing refused, ends with the failed step status and runs nothing', async () => {
    const files = { '/gwb/binary-fallback': SCRIPT, '/var/tmp/portage/dev-libs/nogpg-1/temp/build.log': `${LOGS['dev-libs/nogpg-1']!.lines[0]}\n` };
    const r = await runInImage(testDocker(), ['sh', '-c', 'mkdir -p /var/cache/binhost; sleep 1; : > /tmp/started; sleep 1; touch /var/tmp/portage/dev-libs/nogpg-1/temp/build.log; sh /gwb/binary-fallback 5 /tmp/started printf ran'], { files });
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toBe('');
  }, 60_000);
});
