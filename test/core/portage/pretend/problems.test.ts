import { describe, expect, it } from 'vitest';
import { parseProblemBlock, problemBlockStart } from '../../../../src/core/portage/pretend/problems.js';

describe('problem blocks', () => {
  it('recognises every block start', () => {
    expect(problemBlockStart('!!! Multiple package instances within a single package slot have been pulled')).toBe('slot-conflict');
    expect(problemBlockStart('!!! All ebuilds that could satisfy "x/y" have been masked.')).toBe('masked');
    expect(problemBlockStart('!!! The ebuild selected to satisfy "x/y" has unmet requirements.')).toBe('required-use');
    expect(problemBlockStart('emerge: there are no ebuilds built with USE flags to satisfy "x/y[foo]".')).toBe('no-ebuilds');
    expect(problemBlockStart('emerge: there are no binary packages to satisfy "x/y".')).toBe('no-ebuilds');
    expect(problemBlockStart("!!! 'x' is not a valid package atom.")).toBe('invalid-atom');
    expect(problemBlockStart('WARNING: One or more updates/rebuilds have been skipped due to a dependency conflict:')).toBe('skipped-updates');
    expect(problemBlockStart('Fetch instructions for a/b-1:')).toBe('fetch-instructions');
    expect(problemBlockStart('!!! something else')).toBeNull();
  });
  it('reads a slot conflict for another ROOT with omitted parents', () => {
    const [p] = parseProblemBlock('slot-conflict', [
      '!!! Multiple package instances within a single package slot have been pulled',
      '!!! into the dependency graph, resulting in a slot conflict:',
      '',
      'dev-lang/perl:0 for /build/',
      '',
      "  (dev-lang/perl-5.40.0:0/5.40::gentoo, ebuild scheduled for merge to '/build/') pulled in by",
      '    =dev-lang/perl-5.40* required by (dev-perl/a-1:0/0::gentoo, installed)',
      '    ^               ^^^^',
      '    (and 3 more with the same problem)',
      '',
      '  (dev-lang/perl-5.38.2-r6:0/5.38::gentoo, installed) pulled in by',
      '    dev-lang/perl:0/5.38= required by @selected',
      '',
      "NOTE: Use the '--verbose-conflicts' option to display parents omitted above",
    ], 4);
    expect(p).toMatchObject({
      kind: 'slot-conflict', slot: 'dev-lang/perl:0', root: '/build/', line: 4,
      instances: [
        { cpv: 'dev-lang/perl-5.40.0', pulledBy: [{ atom: '=dev-lang/perl-5.40*', parent: 'dev-perl/a-1' }] },
        { cpv: 'dev-lang/perl-5.38.2-r6', pulledBy: [{ atom: 'dev-lang/perl:0/5.38=', parent: '@selected' }] },
      ],
    });
    expect(p?.details).toEqual(['(and 3 more with the same problem)', "NOTE: Use the '--verbose-conflicts' option to display parents omitted above"]);
  });
  it('reads a USE-flag no-ebuilds report with its change proposal', () => {
    const [p] = parseProblemBlock('no-ebuilds', [
      'emerge: there are no ebuilds built with USE flags to satisfy "net-misc/curl[http2]".',
      '!!! One of the following packages is required to complete your request:',
      '- net-misc/curl-8.11.1::gentoo (Change USE: +http2)',
      '(dependency required by "net-misc/hurl-5.0.1::gentoo" [ebuild])',
    ], 1);
    expect(p).toMatchObject({ kind: 'no-ebuilds', atom: 'net-misc/curl[http2]', suggestions: [] });
    expect(p?.details).toContain('- net-misc/curl-8.11.1::gentoo (Change USE: +http2)');
  });
  it('reads the skipped-updates warning as an "other" problem with its packages', () => {
    const [p] = parseProblemBlock('skipped-updates', [
      'WARNING: One or more updates/rebuilds have been skipped due to a dependency conflict:',
      '',
      'dev-libs/icu:0',
      '',
      '  (dev-libs/icu-76.1:0/76.1::gentoo, ebuild scheduled for merge) conflicts with',
      '    <dev-libs/icu-75:= required by (app-misc/oldtool-1.0:0/0::gentoo, installed)',
      '     ^              ^',
    ], 9);
    expect(p).toMatchObject({ kind: 'other', message: 'WARNING: One or more updates/rebuilds have been skipped due to a dependency conflict', packages: ['dev-libs/icu-76.1', 'app-misc/oldtool-1.0'] });
  });
});
