// The generated Dockerfile: the recipe's /etc/portage files byte for byte in heredocs, the plan's
// emerge argv in exec form with cache and tree mounts, the image config, and the seeds' multi-stage
// ROOT= form for scratch images.
import { describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../../src/core/inspect/dockerfile/generate-dockerfile.js';
import { copyHeredoc, execForm, quoteValue } from '../../../src/core/inspect/dockerfile/dockerfile-text.js';
import { planBuild } from '../../../src/core/plan/build-plan.js';
import { planCommit } from '../../../src/core/plan/modes/commit-plan.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { renderPortageFiles } from '../../../src/core/recipe/render-portage-files.js';
import { recipeSchema, type Recipe } from '../../../src/core/recipe/recipe-schema.js';

/** The heredoc bodies of a Dockerfile by destination path. */
function heredocs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^COPY(?: --chmod=\d+)? <<"([A-Z_0-9]+)" (\S+)$/.exec(lines[i]!);
    if (!m) continue;
    const body: string[] = [];
    for (i++; lines[i] !== m[1]; i++) body.push(lines[i]!);
    out.set(m[2]!, `${body.join('\n')}\n`);
  }
  return out;
}

const recipe: Recipe = recipeSchema.parse({
  ...newRecipe({ name: 'web', base: 'gentoo/stage3:latest', packages: ['net-misc/curl', 'app-misc/hello'], tags: ['example/web:1'], use: '-X http2', portageImage: 'gentoo/portage:latest', entrypoint: ['/usr/bin/curl'], cmd: ['--version'] }),
  packageUse: [{ atom: 'net-misc/curl', flags: ['http2', '-ldap'] }],
  image: { tags: ['example/web:1'], entrypoint: ['/usr/bin/curl'], cmd: ['--version'], env: { GREETING: 'say "hi" for $5', PATH: '/usr/bin:/bin' }, expose: ['8080'], user: 'portage', workdir: '/srv', volumes: ['/data'], labels: { 'org.example.flavour': 'gentoo' } },
  smokeTest: { argv: ['/usr/bin/curl', '--version'] },
});

describe('generateDockerfile: commit mode', () => {
  const plan = planCommit({ recipe, base: { chost: 'x86_64-pc-linux-gnu', libcFiles: [], libcPackage: null }, sandbox: { unshare: false } });
  const text = generateDockerfile({ recipe, plan, toolVersion: '0.1.0' });

  it('builds on the base with the recipe\'s Portage files, byte for byte', () => {
    expect(text.split('\n')[0]).toBe('# syntax=docker/dockerfile:1');
    expect(text).toMatch(/^FROM gentoo\/stage3:latest$/m);
    const files = heredocs(text);
    for (const f of renderPortageFiles(recipe)) expect(files.get(f.path)).toBe(f.content);
    expect(files.has('/var/lib/gentoo-wb/run-steps')).toBe(false);
    // make.conf's ${COMMON_FLAGS} stays for Portage to expand (quoted heredoc delimiter).
    expect(files.get('/etc/portage/make.conf')).toContain('CFLAGS="${COMMON_FLAGS}"');
  });

  it('runs the plan\'s emerge argv in exec form, with cache and Portage tree mounts', () => {
    const step = plan.steps[0]!;
    const env = Object.entries(step.env).map(([k, v]) => `${k}=${v}`);
    expect(text).toContain(JSON.stringify(env.length > 0 ? ['env', ...env, ...step.argv] : step.argv));
    expect(step.argv.slice(0, 2)).toEqual(['emerge', '--verbose']);
    expect(text).toContain('--mount=type=cache,id=gentoo-wb-distfiles,target=/var/cache/distfiles');
    expect(text).toMatch(/--mount=type=cache,id=gentoo-wb-binpkgs-[0-9a-f]{12},target=\/var\/cache\/binpkgs/);
    expect(text).toContain('--mount=type=bind,from=gentoo/portage:latest,source=/var/db/repos/gentoo,target=/var/db/repos/gentoo');
  });

  it('ends with the image config, values quoted so nothing expands', () => {
    expect(text).toContain('ENTRYPOINT ["/usr/bin/curl"]');
    expect(text).toContain('CMD ["--version"]');
    expect(text).toContain('ENV GREETING="say \\"hi\\" for \\$5"');
    expect(text).toMatch(/^EXPOSE 8080$/m);
    expect(text).toMatch(/^USER portage$/m);
    expect(text).toMatch(/^WORKDIR \/srv$/m);
    expect(text).toContain('VOLUME ["/data"]');
    expect(text).toContain('LABEL org.example.flavour="gentoo"');
    expect(text).toContain('# Smoke test the build ran: docker run --rm IMAGE /usr/bin/curl --version');
    expect(text).not.toMatch(/^FROM scratch$/m);
  });
});

describe('generateDockerfile: scratch mode (no plan.json: the plan MODE_PLANNERS makes now)', () => {
  const scratch = recipeSchema.parse({
    ...recipe,
    makeConf: { ...recipe.makeConf, L10N: 'en-GB' },
    mode: { kind: 'scratch', unmerge: ['sys-apps/portage'], strip: { docs: true, man: true, info: false, headers: true, staticLibs: true, pkgconfig: false, locales: true, packageDb: true, portageState: false } },
  });
  const text = generateDockerfile({ recipe: scratch, plan: null, toolVersion: '0.1.0' });
  const planned = planBuild({ recipe: scratch, sandbox: { unshare: false }, base: { chost: 'unknown', libcFiles: [], libcPackage: null } });
  const plan = planned.ok ? planned.plan : null;

  it('runs exactly the planner\'s steps: gtk-doc, *.la and the L10N keep included', () => {
    expect(plan).not.toBeNull();
    for (const step of plan!.steps) {
      const env = Object.entries(step.env).map(([k, v]) => `${k}=${v}`);
      expect(text).toContain(execForm(env.length > 0 ? ['env', ...env, ...step.argv] : step.argv));
    }
    expect(text).toContain('"/destination/usr/share/gtk-doc"');
    expect(text).toContain('"-name","*.la"');
    expect(text).toMatch(/"!","-name","en_GB"/);
  });

  it('copies the helper scripts its steps run, but not the step runner', () => {
    const files = heredocs(text);
    expect([...files.keys()].some((p) => p.startsWith('/var/lib/gentoo-wb/helpers/'))).toBe(true);
    expect(files.has('/var/lib/gentoo-wb/run-steps')).toBe(false);
    expect([...files.keys()].some((p) => p.startsWith('/var/lib/gentoo-wb/steps/'))).toBe(false);
  });

  it('keys the binary package cache by CHOST and CFLAGS as the build does', () => {
    const binpkgs = plan!.container.mounts.find((m) => m.kind === 'volume' && m.role === 'binpkgs');
    expect(binpkgs?.kind === 'volume' && binpkgs.name).toMatch(/^gentoo-wb-binpkgs-[0-9a-f]{12}$/);
    expect(text).toContain(`--mount=type=cache,id=${binpkgs?.kind === 'volume' ? binpkgs.name : ''},target=/var/cache/binpkgs`);
  });

  it('emerges into ROOT=/destination in a builder stage and copies it into scratch', () => {
    expect(text).toMatch(/^FROM gentoo\/stage3:latest AS builder$/m);
    expect(text).toMatch(/"env",("[^"]*",)*"ROOT=\/destination",("[^"]*",)*"emerge","--verbose"/);
    const lines = text.split('\n');
    const scratchAt = lines.indexOf('FROM scratch');
    expect(scratchAt).toBeGreaterThan(lines.findIndex((l) => l.includes('"--unmerge"')));
    expect(lines[scratchAt + 1]).toBe('COPY --from=builder /destination /');
    expect(lines.findIndex((l) => l.startsWith('ENTRYPOINT'))).toBeGreaterThan(scratchAt);
  });

  it('a recipe the planner refuses has no Dockerfile, with the planner\'s reason', () => {
    const empty = recipeSchema.parse({ ...scratch, packages: [] });
    expect(() => generateDockerfile({ recipe: empty, plan: null, toolVersion: '0.1.0' })).toThrow(/scratch mode needs at least one package/);
  });
});

describe('Dockerfile text helpers', () => {
  it('picks a heredoc delimiter the content does not contain', () => {
    expect(copyHeredoc('/x', 'a\nGENTOO_WB_EOF\nGENTOO_WB_EOF_2\n')).toEqual(['COPY <<"GENTOO_WB_EOF_3" /x', 'a', 'GENTOO_WB_EOF', 'GENTOO_WB_EOF_2', 'GENTOO_WB_EOF_3']);
    expect(copyHeredoc('/x', 'GENTOO_WB_EOF\n')).toEqual(['COPY <<"GENTOO_WB_EOF_2" /x', 'GENTOO_WB_EOF', 'GENTOO_WB_EOF_2']);
    expect(copyHeredoc('/run', 'x\n', 0o755)[0]).toBe('COPY --chmod=755 <<"GENTOO_WB_EOF" /run');
  });
  it('quotes values with backslash, quote and dollar escaped', () => {
    expect(quoteValue('a\\b"c$d')).toBe('"a\\\\b\\"c\\$d"');
  });
});
