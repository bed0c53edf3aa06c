// The stand-in's pretend output, line shape by line shape, against real Portage transcripts
// (../shared/portage/rig): every shape the stand-in prints for a scenario must occur in the
// rig transcript of the same scenario.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostStandin, type HostStandin } from './host-standin.js';
import { shapes } from './shapes.js';

const RIG = fileURLToPath(new URL('../../../shared/portage/rig/', import.meta.url));
const rig = (name: string) => readFileSync(`${RIG}${name}.txt`, 'utf8');

const SCENARIOS: Array<[string, string[], Record<string, string>?]> = [
  ['01-pretend-verbose-php', ['--pretend', '--verbose', 'dev-lang/php']],
  ['01-pretend-verbose-php-color', ['--pretend', '--verbose', '--color=y', 'dev-lang/php']],
  ['01-pretend-plain-php', ['--pretend', 'dev-lang/php']],
  ['02-pretend-tree-php', ['-pvt', 'dev-lang/php']],
  ['04-pretend-quiet-php', ['-pq', 'dev-lang/php']],
  ['05-pretend-root-destination', ['--pretend', '--verbose', 'net-misc/curl'], { ROOT: '/destination' }],
  ['06-pretend-world-update', ['--pretend', '--verbose', '--update', '--deep', '--newuse', '@world']],
  ['07-pretend-reinstall', ['--pretend', '--verbose', '=sys-libs/zlib-1.3.1']],
  ['07-pretend-use-change-star', ['--pretend', '--verbose', 'net-misc/curl'], { USE: '-ipv6 http2' }],
  ['08-pretend-downgrade', ['--pretend', '--verbose', '=dev-libs/libffi-3.4.4-r1']],
  ['10-pretend-download-sizes', ['--pretend', '--verbose', 'dev-lang/php', 'dev-vcs/git'], { DISTDIR: '/tmp/empty-distdir' }],
  ['11-keyword-masked', ['--pretend', '--verbose', '=dev-libs/openssl-3.4.0']],
  ['11-keyword-autounmask', ['--pretend', '--verbose', '--autounmask', '=dev-libs/openssl-3.4.0']],
  ['12-package-mask', ['--pretend', '--verbose', '=dev-lang/php-8.5.0_alpha1']],
  ['13-license-autounmask', ['--pretend', '--verbose', '--autounmask', 'app-misc/proprietary-tool']],
  ['13-fetch-restricted-pretend', ['--pretend', '--verbose', 'app-misc/proprietary-tool'], { ACCEPT_LICENSE: '*' }],
  ['14-use-change-needed', ['--pretend', '--verbose', 'net-misc/hurl']],
  ['15-required-use-any-of', ['--pretend', '--verbose', 'dev-lang/php:8.3'], { USE: '-cli' }],
  ['16-blocker-hard', ['--pretend', '--verbose', 'dev-libs/libressl']],
  ['18-no-ebuilds', ['--pretend', '--verbose', 'app-misc/doesnotexist']],
  ['18-no-ebuilds-did-you-mean', ['--pretend', '--verbose', 'app-misc/helo']],
  ['19-not-a-set', ['--pretend', '--verbose', '@nosuchset']],
  ['19-invalid-atom-garbage', ['--pretend', '--verbose', 'app-misc/hello-[1']],
  ['32-emptytree-world-pretend', ['--emptytree', '--pretend', '--verbose', '@world']],
  ['31-depclean-pretend', ['--depclean', '--pretend']],
  ['34-version', ['--version']],
  ['36-sync-offline', ['--sync']],
];

describe('stand-in pretend output has the shapes of real Portage', () => {
  let s: HostStandin;
  beforeAll(() => { s = hostStandin(); });
  afterAll(() => s?.cleanup());

  it.each(SCENARIOS)('%s', (name, argv, env) => {
    const r = s.emerge(argv, env);
    const mine = shapes(r.output);
    const real = shapes(rig(name));
    expect([...mine].filter((x) => !real.has(x)), r.output).toEqual([]);
    expect(mine.size).toBeGreaterThanOrEqual(1);
    const rigStatus = Number(/# exit status: (\d+)/.exec(readFileSync(`${RIG}${name}.cmd`, 'utf8'))?.[1]);
    expect(r.status).toBe(rigStatus);
  });

  it('16-blocker-soft-resolved: a soft blocker on a deselected package becomes an uninstall', () => {
    writeFileSync(s.path('var/lib/portage/world'), 'dev-libs/libffi\nnet-misc/curl\n');
    try {
      const r = s.emerge(['--pretend', '--verbose', 'sys-apps/debianutils']);
      const real = shapes(rig('16-blocker-soft-resolved'));
      expect([...shapes(r.output)].filter((x) => !real.has(x))).toEqual([]);
      expect(r.output).toContain('[uninstall     ] sys-apps/which-2.21::gentoo \n[blocks b      ] sys-apps/which ("sys-apps/which" is soft blocking sys-apps/debianutils-5.20)');
      expect(r.output).toContain('Conflict: 1 block (all satisfied)');
      expect(r.status).toBe(0);
    } finally {
      writeFileSync(s.path('var/lib/portage/world'), 'dev-libs/libffi\nnet-misc/curl\nsys-apps/which\n');
    }
  });
});
