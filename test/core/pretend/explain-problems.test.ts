import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPretendChanges } from '../../../src/core/pretend/apply-changes.js';
import { explainProblems, problemLine } from '../../../src/core/pretend/explain-problems.js';
import { portageLinesOf } from '../../../src/core/pretend/portage-lines.js';
import { pretendVerdict, verdictLine } from '../../../src/core/pretend/verdict.js';
import { parsePretend } from '../../../src/core/portage/pretend/pretend-parser.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { rig } from '../fixtures.js';

function explain(name: string, packages: string[] = []) {
  const text = rig(name);
  return explainProblems(parsePretend(text), text, newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages }));
}

describe('explainProblems', () => {
  it('says a hard blocker in words: who blocks whom, and to remove one from the recipe (16)', () => {
    const [e, ...rest] = explain('16-blocker-hard', ['dev-libs/libressl']);
    expect(rest).toEqual([]);
    expect(e?.kind).toBe('blocker');
    expect(e?.severity).toBe('error');
    expect(e?.title).toBe('dev-libs/libressl blocks dev-libs/openssl');
    expect(e?.fix).toBe('both cannot be installed; remove one of them from the recipe');
    expect(problemLine(e!)).toBe('dev-libs/libressl blocks dev-libs/openssl: both cannot be installed; remove one of them from the recipe');
    expect(e?.text).toContain('dev-libs/libressl-4.0.0 cannot be installed on the same system as dev-libs/openssl (a hard block');
    expect(e?.text).toContain('dev-libs/openssl is already installed');
    expect(e?.text).toContain('The recipe asks for dev-libs/libressl.');
    expect(e?.portageLines[0]).toBe('[blocks B      ] dev-libs/openssl ("dev-libs/openssl" is hard blocking dev-libs/libressl-4.0.0)');
    expect(e?.text).not.toContain('is pulled in by');
  });

  it('names the package that pulls a blocking one in when it is not the recipe\'s own', () => {
    const text = [
      '[ebuild  N     ] dev-libs/libressl-4.0.0:0/56::gentoo  USE="asm" 0 KiB',
      '[ebuild  N     ] app-misc/foo-1.0::gentoo  0 KiB',
      '[blocks B      ] dev-libs/openssl ("dev-libs/openssl" is hard blocking dev-libs/libressl-4.0.0)',
      '',
      ' * Error: The above package list contains packages which cannot be',
      ' * installed at the same time on the same system.',
      '',
      '  (dev-libs/libressl-4.0.0:0/56::gentoo, ebuild scheduled for merge) pulled in by',
      '    dev-libs/libressl required by (app-misc/foo-1.0:0/0::gentoo, ebuild scheduled for merge)',
      '',
    ].join('\n');
    const [e] = explainProblems(parsePretend(text), text, newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/foo'] }));
    expect(e?.text).toContain('dev-libs/libressl-4.0.0 is pulled in by app-misc/foo-1.0.');
    expect(e?.text).not.toContain('The recipe asks for');
  });

  it('says a slot conflict in words, naming both parents and what each needs (17)', () => {
    const [e] = explain('17-slot-conflict', ['app-misc/oldtool', 'app-misc/newtool']);
    expect(e?.title).toBe('Slot conflict: dev-libs/icu:0');
    expect(e?.text).toBe(
      'Only one version of dev-libs/icu can be installed in slot 0, but app-misc/newtool-2.0 needs >=dev-libs/icu-76:= (dev-libs/icu-76.1) and app-misc/oldtool-1.0 needs <dev-libs/icu-75:= (dev-libs/icu-74.2). The recipe asks for app-misc/newtool and app-misc/oldtool.',
    );
    expect(e?.fix).toBe('both cannot be installed; remove one of app-misc/newtool and app-misc/oldtool from the recipe, or mask the version you do not want (package.mask)');
    expect(e?.portageLines[0]).toBe('!!! Multiple package instances within a single package slot have been pulled');
    expect(e?.portageLines).toContain('dev-libs/icu:0');
  });

  it('keeps Portage\'s own lines for a missing package and offers its suggestions (18)', () => {
    const [e] = explain('18-no-ebuilds', ['app-misc/doesnotexist']);
    expect(e?.title).toBe('No package matches app-misc/doesnotexist');
    expect(e?.text).toBe('The repository has no ebuild for app-misc/doesnotexist. Did you mean app-misc/brokendep, app-misc/newtool and app-misc/hello?');
    expect(e?.portageLines).toEqual([
      'emerge: there are no ebuilds to satisfy "app-misc/doesnotexist".',
      '',
      'emerge: searching for similar names...',
      'emerge: Maybe you meant any of these: app-misc/brokendep, app-misc/newtool, app-misc/hello?',
    ]);
  });

  it('explains masks by reason: keyword (11) and package.mask with its comment (12)', () => {
    const [keyword] = explain('11-keyword-masked');
    expect(keyword?.title).toBe('=dev-libs/openssl-3.4.0 is masked');
    expect(keyword?.text).toBe('Every version that matches =dev-libs/openssl-3.4.0 is masked: dev-libs/openssl-3.4.0 (~amd64 keyword).');
    expect(keyword?.fix).toContain('package.accept_keywords: =dev-libs/openssl-3.4.0 ~amd64');
    expect(keyword?.portageLines.slice(0, 3)).toEqual([
      '!!! All ebuilds that could satisfy "=dev-libs/openssl-3.4.0" have been masked.',
      '!!! One of the following masked packages is required to complete your request:',
      '- dev-libs/openssl-3.4.0::gentoo (masked by: ~amd64 keyword)',
    ]);
    const [mask] = explain('12-package-mask');
    expect(mask?.fix).toContain('the repository masks it on purpose');
    expect(mask?.portageLines).toContain('# PHP 8.5 is an alpha release, not suitable for production.');
  });

  it('invalid atoms and unmet REQUIRED_USE carry Portage\'s lines (19, 15)', () => {
    const [atom] = explain('19-invalid-atom-garbage');
    expect(atom?.title).toBe("'app-misc/hello-[1' is not a valid atom");
    expect(atom?.portageLines).toEqual(["!!! 'app-misc/hello-[1' is not a valid package atom.", '!!! Please check ebuild(5) for full details.']);
    const [use] = explain('15-required-use-any-of');
    expect(use?.title).toBe('dev-lang/php-8.3.15: its USE flags break REQUIRED_USE');
    expect(use?.text).toBe('The flags chosen for dev-lang/php-8.3.15 do not meet any-of ( cli cgi fpm embed phpdbg ) !cli? ( !readline ).');
    expect(use?.fix).toBe('change its flags (package.use for dev-lang/php) so the constraint holds');
  });

  it('fetch-restricted files missing from DISTDIR ("F") stop the build; the fix says where they go (13)', () => {
    const [e] = explain('13-license-autounmask');
    expect(e?.severity).toBe('error');
    expect(e?.title).toBe('app-misc/proprietary-tool-1.0 must be downloaded by hand');
    expect(e?.text).toBe('Its files cannot be fetched automatically (RESTRICT=fetch) and are not in the distfiles cache: the build would fail fetching them.');
    expect(e?.fix).toBe("copy its files into the distfiles cache volume (where to get them: Portage's instructions), then pretend again");
    expect(e?.portageLines).toContain(' * Please download proprietary-tool-1.0.tar.gz from');
    // Portage's instructions end where its licence section starts.
    expect(e?.portageLines.at(-1)).toBe(' * and place it into your DISTDIR directory.');
  });

  it('a clean list has nothing to explain (01, 14)', () => {
    expect(explain('01-pretend-verbose-php')).toEqual([]);
    expect(explain('14-use-change-needed')).toEqual([]);
  });
});

describe('portageLinesOf', () => {
  it('stops at the next problem, at two blank lines and at notices', () => {
    const text = ['!!! \'a/b-[\' is not a valid package atom.', '!!! Please check ebuild(5) for full details.', "!!! 'c/d-[' is not a valid package atom.", '', '', 'tail'].join('\n');
    const result = parsePretend(text);
    expect(result.problems).toHaveLength(2);
    expect(portageLinesOf(text, result.problems)).toEqual([
      ["!!! 'a/b-[' is not a valid package atom.", '!!! Please check ebuild(5) for full details.'],
      ["!!! 'c/d-[' is not a valid package atom."],
    ]);
  });
});

describe('explainProblems: atoms that only appear as a dependency (real Portage 3.0.82)', () => {
  const transcript = (name: string) => readFileSync(new URL(`../../fixtures/portage-transcripts/${name}.txt`, import.meta.url), 'utf8');
  const recipeWith = (packages: string[]) => newRecipe({ name: 'demo', base: 'gentoo/stage3:amd64-openrc', packages });
  function explainReal(name: string, packages: string[]) {
    const text = transcript(name);
    const result = parsePretend(text);
    return { result, text, explained: explainProblems(result, text, recipeWith(packages)) };
  }

  it('a USE dep of a dependency asks for the USE change, never to fix the recipe\'s packages', () => {
    const { explained: [e] } = explainReal('pretend-respect-use-dep-change', ['net-misc/hurl']);
    expect(e?.title).toBe('net-misc/curl needs USE +http2');
    expect(e?.text).toBe('net-misc/hurl-6.0 depends on net-misc/curl[http2]; net-misc/curl-8.11.1 is not built that way and needs USE +http2.');
    expect(e?.fix).toBe("add >=net-misc/curl-8.11.1 http2 to the recipe's package.use (gentoo-wb pretend --apply writes it)");
    expect(e?.byChanges).toBe(true);
    expect(problemLine(e!)).not.toContain("recipe's packages");
    expect(e?.portageLines[0]).toBe('emerge: there are no ebuilds built with USE flags to satisfy "net-misc/curl[http2]".');
  });

  it('the REQUIRED_USE warning Portage gives with the change is passed on', () => {
    const { explained: [e] } = explainReal('pretend-respect-use-violates-required-use', ['app-misc/fetcher']);
    expect(e?.text).toContain("Portage warns: this change violates use flag constraints defined by net-misc/wget-1.25.0: 'gnutls? ( ssl )'.");
  });

  it('a missing IUSE of a dependency names the recipe package that pulls it in', () => {
    const { explained: [e] } = explainReal('pretend-missing-iuse', ['net-misc/qurl']);
    expect(e?.title).toBe('net-misc/curl has no USE flag quic');
    expect(e?.fix).toBe('the repository cannot satisfy net-misc/qurl-1.0; remove net-misc/qurl from the recipe or use a repository where net-misc/curl has quic');
    expect(e?.byChanges).toBeUndefined();
  });

  it('proprietary-tool: the licence is a change to apply; once accepted, the missing file is a download to make, in the namespace\'s volume', () => {
    const before = explainReal('pretend-license-fetch-restricted', ['app-misc/proprietary-tool']);
    expect(before.result.changes.map((c) => `${c.file}: ${c.line}`)).toEqual(['package.license: >=app-misc/proprietary-tool-1.0 Proprietary-EULA']);
    expect(before.explained[0]?.portageLines).toEqual([
      'Fetch instructions for app-misc/proprietary-tool-1.0:',
      ' * Please download proprietary-tool-1.0-linux-x86_64.tar.gz from',
      ' *   https://example.invalid/proprietary-tool',
      ' * and place it into your DISTDIR directory.',
    ]);
    expect(pretendVerdict(before.result, before.text, 1).kind).toBe('needs-changes');

    const after = explainReal('pretend-fetch-restricted-unsatisfied', ['app-misc/proprietary-tool']);
    const context = { distfilesVolume: 'gentoo-wb-test-1a2b3c-distfiles' };
    const v = pretendVerdict(after.result, after.text, 0, recipeWith(['app-misc/proprietary-tool']), context);
    expect(v.kind).toBe('needs-downloads');
    expect(verdictLine(v)).toBe('Files to download by hand first: app-misc/proprietary-tool-1.0 (fetch-restricted)');
    const [e] = explainProblems(after.result, after.text, undefined, context);
    expect(e?.fix).toBe("copy its files into the distfiles cache volume gentoo-wb-test-1a2b3c-distfiles (where to get them: Portage's instructions), then pretend again");
    expect(explainProblems(after.result, after.text, undefined, { distfilesVolume: null })[0]?.fix).toContain('the recipe has no distfiles cache: turn it on (caches.distfiles)');

    // The file in the distfiles cache ("f", no instructions): nothing to explain, the list merges.
    const present = explainReal('pretend-fetch-restricted-satisfied', ['app-misc/proprietary-tool']);
    expect(present.explained).toEqual([]);
    expect(pretendVerdict(present.result, present.text, 0)).toMatchObject({ kind: 'mergeable', packages: 1 });
  });

  it('a missing dependency blames the package that needs it, not the recipe\'s list', () => {
    const { explained: [e] } = explainReal('pretend-no-ebuilds-dep', ['app-misc/needsmissing']);
    expect(e?.title).toBe('No package matches dev-libs/nosuchlib');
    expect(e?.text).toBe('app-misc/needsmissing-1.0 depends on dev-libs/nosuchlib, but the repository has no ebuild for it.');
    expect(e?.fix).toBe('the repository cannot satisfy app-misc/needsmissing-1.0; remove app-misc/needsmissing from the recipe or add a repository that has dev-libs/nosuchlib');
  });

  it('the recipe\'s own atom is still the recipe\'s to correct', () => {
    const { explained: [e] } = explainReal('pretend-respect-use-argument-change', ['net-misc/curl[http2]']);
    expect(e?.text).toBe('The recipe asks for net-misc/curl[http2]; net-misc/curl-8.11.1 is not built that way and needs USE +http2.');
  });

  it('the verdict is "needs changes", and --apply writes what the normal USE-change path writes', () => {
    const { result, text } = explainReal('pretend-respect-use-dep-change', ['net-misc/hurl']);
    const recipe = recipeWith(['net-misc/hurl']);
    const v = pretendVerdict(result, text, 1, recipe);
    expect(v.kind).toBe('needs-changes');
    const normal = parsePretend(transcript('pretend-use-change-dep'));
    const viaProblem = applyPretendChanges(recipe, result.changes).recipe.packageUse;
    expect(viaProblem).toEqual([{ atom: '>=net-misc/curl-8.11.1', flags: ['http2'] }]);
    expect(viaProblem).toEqual(applyPretendChanges(recipe, normal.changes).recipe.packageUse);
    expect(pretendVerdict(parsePretend(transcript('pretend-missing-iuse')), '', 1, recipeWith(['net-misc/qurl'])).kind).toBe('refused');
  });
});
