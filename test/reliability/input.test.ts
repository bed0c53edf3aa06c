// Refused input: every recipe field and CLI option given something bad — control characters,
// newlines, huge values, invalid names and digests, 400,000 atoms, broken files, system folders as
// the Portage tree. Each case is one CLI run (no build): the message names the field and the fix,
// the exit code is 2 (usage) or 1 (could not read), and nothing is created, left or changed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { checkCase, type CaseDirs, type CliCase } from './harness.js';
import { useReliabilityTable } from './harness.js';

useReliabilityTable('refused input');

const BASE = 'gentoo/stage3:amd64-openrc';

/** A recipe document as JSON, free to be made invalid in any field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

function goodRecipe(): Recipe {
  return newRecipe({ name: 'rel', base: BASE, packages: ['app-misc/hello'], sizing: { jobs: 1, makeopts: '-j1' } });
}

/** A recipe document (JSON, possibly not a valid Recipe) written into the case's folder. */
function recipeCase(change: (r: Doc) => void, command: (file: string) => string[], exit: number, message: RegExp, extra: Partial<CliCase> = {}): CliCase {
  const file = (c: CaseDirs) => path.join(c.dir, 'recipe.json');
  return {
    setup: (c) => {
      const r = JSON.parse(serializeRecipe(goodRecipe())) as Doc;
      change(r);
      writeFileSync(file(c), JSON.stringify(r, null, 2));
    },
    args: (c) => command(file(c)),
    exit,
    message,
    unchanged: (c) => [file(c)],
    ...extra,
  };
}

const validate = (file: string) => ['recipe', 'validate', file, '--offline'];
const build = (file: string) => ['build', file, '--plain'];

/** [case, change, field message] — each refused by `recipe validate --offline` with exit 2. */
const FIELD_CASES: [string, (r: Doc) => void, RegExp][] = [
  ['image.user with a newline', (r) => (r.image.user = 'root\nUSER evil'), /image\.user: contains the control character \\n/],
  ['image.user with a BEL', (r) => (r.image.user = 'root\u0007'), /image\.user: contains the control character \\x07/],
  ['image.user empty', (r) => (r.image.user = '  '), /image\.user: is empty/],
  ['image.workdir with a newline', (r) => (r.image.workdir = '/app\n/etc'), /image\.workdir: contains the control character \\n/],
  ['image.workdir relative', (r) => (r.image.workdir = 'app'), /image\.workdir: must be an absolute path/],
  ['image.env value with a newline', (r) => (r.image.env = { A: 'x\nB=y' }), /image\.env\.A: contains the control character \\n/],
  ['image.env bad name', (r) => (r.image.env = { 'A-B': 'x' }), /image\.env\.A-B: "A-B" is not an environment variable name/],
  ['image.env name with a newline', (r) => (r.image.env = { 'A\nB': 'x' }), /image\.env\.A\\nB: the name contains the control character \\n/],
  ['image.labels OSC title sequence', (r) => (r.image.labels = { title: '\u001b]0;pwned\u0007' }), /image\.labels\.title: contains the control character \\x1b/],
  ['image.labels C1 CSI', (r) => (r.image.labels = { x: 'a\u009b2Jb' }), /image\.labels\.x: contains the control character \\x9b/],
  ['image.labels key with a newline', (r) => (r.image.labels = { 'a\nb': 'x' }), /image\.labels\.a\\nb: the name contains the control character \\n/],
  ['image.labels empty key', (r) => (r.image.labels = { '': 'x' }), /image\.labels: has a label with an empty name/],
  ['image.labels huge value (200 kB)', (r) => (r.image.labels = { big: 'x'.repeat(200_000) }), /image\.labels\.big: is 200000 bytes; a label value may be at most 8192/],
  ['image.labels too many bytes together', (r) => (r.image.labels = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`l${i}`, 'y'.repeat(8000)]))), /image\.labels: the labels are \d+ bytes together; at most 65536/],
  ['image.labels bidi override', (r) => (r.image.labels = { x: 'safe\u202eexe.txt' }), /image\.labels\.x: contains the control character/],
  ['image.tags invalid', (r) => (r.image.tags = ['My Image:1']), /image\.tags\[0\]: "My Image:1" has an invalid name "My Image"/],
  ['image.tags uppercase', (r) => (r.image.tags = ['UP:x']), /image\.tags\[0\]: "UP:x" has an invalid name "UP"/],
  ['image.expose not a port', (r) => (r.image.expose = ['http']), /image\.expose\[0\]: "http" is not a port/],
  ['image.volumes relative', (r) => (r.image.volumes = ['data']), /image\.volumes\[0\]: "data" must be an absolute path/],
  ['image.entrypoint empty list', (r) => (r.image.entrypoint = []), /image\.entrypoint: is an empty list/],
  ['base.digest invalid', (r) => (r.base.digest = 'sha256:1234'), /base\.digest: "sha256:1234" is not an image digest/],
  ['base.image invalid', (r) => (r.base.image = 'Gentoo Stage3'), /base\.image: "Gentoo Stage3" is not a valid image name/],
  ['name with spaces', (r) => (r.name = 'my image'), /name: "my image" is not a usable name/],
  ['packages: 400,000 atoms', (r) => (r.packages = Array.from({ length: 400_000 }, (_, i) => `app-misc/p${i}`)), /packages: 400000 entries; at most 10000 are allowed/],
  ['packages: not an atom', (r) => (r.packages = ['hello world']), /packages\[0\]: "hello world" is not a valid atom/],
  ['packages: a blocker', (r) => (r.packages = ['!app-misc/hello']), /packages\[0\]: "!app-misc\/hello" is a blocker/],
  ['packages: none', (r) => (r.packages = []), /packages: no packages to build/],
  ['packageUse: bad flag', (r) => (r.packageUse = [{ atom: 'app-misc/hello', flags: ['$(id)'] }]), /packageUse\[0\]\.flags\[0\]/],
  ['packageAcceptKeywords: bad keyword', (r) => (r.packageAcceptKeywords = [{ atom: 'app-misc/hello', keywords: ['amd64;rm'] }]), /packageAcceptKeywords\[0\]\.keywords\[0\]: "amd64;rm" is not a keyword/],
  ['packageLicense: bad licence', (r) => (r.packageLicense = [{ atom: 'app-misc/hello', licenses: ['GPL 2'] }]), /packageLicense\[0\]\.licenses\[0\]: "GPL 2" is not a licence name/],
  ['makeConf value with a newline', (r) => (r.makeConf.CFLAGS = '-O2\nFEATURES="-sandbox"'), /makeConf\.CFLAGS: contains the control character \\n/],
  ['makeConf backtick', (r) => (r.makeConf.CFLAGS = '`id`'), /makeConf\.CFLAGS: contains a backtick/],
  ['makeConf bad variable name', (r) => (r.makeConf['A-B'] = 'x'), /makeConf\.A-B: "A-B" is not a variable name/],
  ['mode: unknown kind', (r) => (r.mode = { kind: 'fast' }), /mode\.kind: Invalid discriminator value/],
  ['mode: stage4 bad -march', (r) => (r.mode = { kind: 'stage4', march: 'native;id' }), /mode\.march: "native;id" is not a -march value/],
  ['mode: minimal bad locale', (r) => (r.mode = { kind: 'minimal', locales: ['en_US'] }), /mode\.locales\[0\]: "en_US" is not a locale\.gen line/],
  ['portage host "/"', (r) => (r.portage = { source: 'host', path: '/' }), /portage\.path: "\/" is a system folder, not an ebuild repository/],
  ['portage host "/var/run"', (r) => (r.portage = { source: 'host', path: '/var/run' }), /portage\.path: "\/var\/run" is a system folder/],
  ['portage host inside /run', (r) => (r.portage = { source: 'host', path: '/run/docker' }), /portage\.path: "\/run\/docker" is inside \/run, which holds the host's sockets/],
  ['portage host relative', (r) => (r.portage = { source: 'host', path: 'repos/gentoo' }), /portage\.path: "repos\/gentoo" is not an absolute path/],
  ['portage host with ..', (r) => (r.portage = { source: 'host', path: '/srv/../var/run' }), /portage\.path: "\/srv\/\.\.\/var\/run" is not a plain path/],
  ['portage snapshot bad image', (r) => (r.portage = { source: 'snapshot', image: 'Gentoo/Portage' }), /portage\.image: "Gentoo\/Portage"/],
  ['version 99', (r) => (r.version = 99), /version: version 99 is not supported/],
];

describe('recipe fields: refused by recipe validate, exit 2, the recipe unchanged', () => {
  for (const [name, change, message] of FIELD_CASES) {
    it(name, async () => {
      await checkCase(`field: ${name}`, recipeCase(change, validate, 2, message));
    });
  }
});

describe('values that are safe as given: accepted, written so they stay values', () => {
  it('trailing backslashes in user, workdir, env, labels and make.conf are values, escaped in make.conf', async () => {
    await checkCase('trailing backslash: accepted, escaped', recipeCase((r) => {
      r.image.user = 'root\\';
      r.image.workdir = '/app\\';
      r.image.env = { A: 'x\\' };
      r.image.labels = { l: 'y\\' };
      r.makeConf.EXTRA = 'z\\';
    }, (f) => ['recipe', 'show', f], 0, /^EXTRA="z\\\\"$/m));
  });

  it('make.conf $(…) is written escaped, never run by a shell sourcing make.conf', async () => {
    await checkCase('make.conf $(…): escaped', recipeCase((r) => (r.makeConf.EXTRA = '$(touch /tmp/pwned) ${CFLAGS}'), (f) => ['recipe', 'show', f], 0, /^EXTRA="\\\$\(touch \/tmp\/pwned\) \$\{CFLAGS\}"$/m));
  });

  it('recipe show of a label with an OSC sequence prints no escape byte', async () => {
    await checkCase('recipe show: OSC label not sent', recipeCase((r) => (r.image.labels = { t: '\u001b]52;c;cHduZWQ=\u0007' }), (f) => ['recipe', 'show', f], 2, /image\.labels\.t: contains the control character \\x1b/, {
      after: (_c, r) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/[\u001b\u0007\u009b\u009d]/),
    }));
  });
});

describe('recipe files: broken, missing, odd', () => {
  const fileCase = (name: string, content: string | Buffer | null, exit: number, message: RegExp, command = validate) =>
    it(name, async () => {
      await checkCase(`file: ${name}`, {
        setup: (c) => {
          if (content !== null) writeFileSync(path.join(c.dir, 'recipe.json'), content);
        },
        args: (c) => command(path.join(c.dir, 'recipe.json')),
        exit, message,
        unchanged: (c) => (content === null ? [] : [path.join(c.dir, 'recipe.json')]),
      });
    });
  const good = serializeRecipe(goodRecipe());
  fileCase('byte order mark: read as UTF-8 JSON', `\ufeff${good}`, 0, /recipe\.json: valid \(rel: 1 package, commit mode/);
  fileCase('invalid JSON (cut short)', good.slice(0, 40), 2, /\(file\): not valid JSON at line \d+, column \d+/);
  fileCase('empty file', '', 2, /\(file\): not valid JSON at line 1, column 1: unexpected end of file/);
  fileCase('a JSON array', '[]', 2, /\(document\): .*expected object, received array/);
  fileCase('NUL bytes', Buffer.alloc(64), 2, /\(file\): not valid JSON/);
  fileCase('3 MB of spaces', ' '.repeat(3_000_000), 2, /\(file\): not valid JSON at line 1, column 3000001/);
  fileCase('missing file', null, 1, /recipe\.json does not exist\n {2}hint: create one with gentoo-wb recipe new FILE --base IMAGE/);
  fileCase('missing file given to build', null, 2, /recipe\.json is not a usable recipe:\n {2}\(file\): .*does not exist/, build);
  it('a folder given as the recipe', async () => {
    await checkCase('file: a folder as the recipe', { args: (c) => ['recipe', 'validate', c.out, '--offline'], exit: 1, message: /cannot read .* \(EISDIR\)/ });
  });
});

describe('build refuses bad recipes and options before it touches the engine (exit 2, nothing made)', () => {
  const cases: [string, (r: Doc) => void, string[], RegExp][] = [
    ['OSC in a label', (r) => (r.image.labels = { t: '\u001b]0;x\u0007' }), [], /image\.labels\.t: contains the control character \\x1b/],
    ['portage host "/"', (r) => (r.portage = { source: 'host', path: '/' }), [], /portage\.path: "\/" is a system folder/],
    ['portage host "/var/run"', (r) => (r.portage = { source: 'host', path: '/var/run' }), [], /portage\.path: "\/var\/run" is a system folder/],
    ['400,000 atoms', (r) => (r.packages = Array.from({ length: 400_000 }, (_, i) => `app-misc/p${i}`)), [], /packages: 400000 entries/],
    ['--tag with a space', () => undefined, ['--tag', 'My Image'], /--tag "My Image": is not a valid image name[^\n]*\nnothing was built/],
    ['--tag with //', () => undefined, ['--tag', 'a//b'], /--tag "a\/\/b": is not a valid image name/],
    ['--tag with a newline', () => undefined, ['--tag', 'a\nb'], /--tag "a\\nb"/],
    ['unknown option', () => undefined, ['--jobs', '4'], /unknown option '--jobs'/],
  ];
  for (const [name, change, extra, message] of cases) {
    it(name, async () => {
      await checkCase(`build: ${name}`, recipeCase(change, (f) => [...build(f), ...extra], 2, message));
    });
  }
});

describe('other commands and options', () => {
  const simple = (name: string, args: (c: CaseDirs) => string[], exit: number, message: RegExp, extra: Partial<CliCase> = {}) =>
    it(name, async () => {
      await checkCase(name, { args, exit, message, ...extra });
    });
  simple('recipe new --mode fast', (c) => ['recipe', 'new', path.join(c.out, 'n.json'), '--base', BASE, '--package', 'app-misc/hello', '--mode', 'fast'], 2, /--mode fast: choose one of commit, scratch, stage4, minimal/, {
    after: (c) => expect(existsSync(path.join(c.out, 'n.json'))).toBe(false),
  });
  simple('recipe new --tag invalid', (c) => ['recipe', 'new', path.join(c.out, 'n.json'), '--base', BASE, '--package', 'app-misc/hello', '--tag', 'UP:x'], 2, /image\.tags\[0\]: "UP:x" has an invalid name/);
  simple('recipe new over an existing file without --force', (c) => ['recipe', 'new', path.join(c.dir, 'keep.json'), '--base', BASE, '--package', 'app-misc/hello'], 1, /keep\.json already exists/, {
    setup: (c) => writeFileSync(path.join(c.dir, 'keep.json'), '{"mine": true}\n'),
    unchanged: (c) => [path.join(c.dir, 'keep.json')],
  });
  simple('attach ../../evil', () => ['attach', '../../evil'], 2, /"\.\.\/\.\.\/evil" is not a build ID \(like 20260107-143012-a1b2c3\)/);
  simple('attach /etc/passwd', () => ['attach', '/etc/passwd'], 2, /"\/etc\/passwd" is not a build ID/);
  simple('attach an unknown build', () => ['attach', '20260101-000000-abcdef'], 1, /no build 20260101-000000-abcdef in .*builds/);
  simple('unusable GENTOO_WB_NAMESPACE', () => ['clean', '--dry-run'], 1, /GENTOO_WB_NAMESPACE="\.\.\/x" cannot be a namespace/, { env: () => ({ GENTOO_WB_NAMESPACE: '../x' }) });
  simple('export -o over an existing file without --force', (c) => ['export', 'gentoo-wb-test/none:1', '-o', path.join(c.out, 'x.tar')], 2, /x\.tar exists; add --force to replace it/, {
    setup: (c) => writeFileSync(path.join(c.out, 'x.tar'), 'mine'),
    unchanged: (c) => [path.join(c.out, 'x.tar')],
  });
  simple('export -o into a missing folder', (c) => ['export', 'gentoo-wb-test/none:1', '-o', path.join(c.out, 'nope', 'x.tar')], 2, /the folder .*\/nope does not exist/);
  simple('export -o a folder', (c) => ['export', 'gentoo-wb-test/none:1', '-o', c.out], 2, /it is a folder; give a file name/);
  simple('export --sbom over an existing file without --force', (c) => ['export', 'gentoo-wb-test/none:1', '-o', path.join(c.out, 'x.tar'), '--sbom', path.join(c.out, 'sbom.json')], 2, /sbom\.json exists; add --force/, {
    setup: (c) => {
      mkdirSync(c.out, { recursive: true });
      writeFileSync(path.join(c.out, 'sbom.json'), '{}');
    },
    unchanged: (c) => [path.join(c.out, 'sbom.json')],
  });
});
