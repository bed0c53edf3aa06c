// A recipe in a few lines for `recipe show` and the Recipe screen's header: what it builds, from
// what, how, and what the image will look like.
import { joinWords } from './recipe-fields.js';
import { binhostWord } from './binhost-sources.js';
import type { DistccOption, Recipe } from './recipe-schema.js';

function portageText(recipe: Recipe): string {
  const p = recipe.portage;
  if (p.source === 'snapshot') return `snapshot image ${p.image}`;
  if (p.source === 'host') return `host repository ${p.path} (read-only)`;
  return 'the base image\'s own tree';
}

function modeText(recipe: Recipe): string {
  const m = recipe.mode;
  switch (m.kind) {
    case 'commit':
      return 'commit (emerge into a container from the base, then commit)';
    case 'scratch': {
      const strip = Object.entries(m.strip).filter(([, on]) => on).map(([k]) => k);
      return `scratch (only ROOT=/destination in the image; strip ${strip.length > 0 ? strip.join(' ') : 'nothing'}${m.unmerge.length > 0 ? `; unmerge ${m.unmerge.join(' ')}` : ''})`;
    }
    case 'stage4':
      return `stage4 (-march=${m.march} ${m.optimize}, ${m.passes} pass${m.passes === 1 ? '' : 'es'} of --emptytree @world${m.allowPtrace ? ', SYS_PTRACE allowed' : ''})`;
    case 'minimal':
      return `minimal (USE="-*${m.keepUse.length > 0 ? ` ${m.keepUse.join(' ')}` : ''}", locales ${m.locales.join(', ') || 'none'}${m.removeSystem.length > 0 ? `; provided away: ${m.removeSystem.join(' ')}` : ''})`;
  }
}

/** The binhosts in `--binhost` words, most preferred first, and what a missing binary does. */
function binariesText(recipe: Recipe): string {
  const { hosts, onMissing } = recipe.binaries;
  const missing = onMissing === 'fail' ? 'binary packages only (--getbinpkgonly)' : 'compile what no binhost has';
  if (hosts.length === 0) return onMissing === 'fail' ? `none; ${missing}` : 'none';
  return `${hosts.map(binhostWord).join(' ')}; ${missing}`;
}

/** The distcc option in words: where helpers run, how many, what stays local. */
function distccText(distcc: DistccOption): string {
  const each = `${distcc.helpers} distccd helper${distcc.helpers === 1 ? '' : 's'} on each of ${distcc.engines.join(', ') || '(no engine)'}`;
  const local = distcc.localJobs > 0 ? `, localhost/${distcc.localJobs} last` : '';
  return `${each}; DISTCC_HOSTS${local} and MAKEOPTS from their CPUs when the build starts`;
}

/** `key: value` lines describing the recipe (no trailing newline on each). */
export function recipeSummary(recipe: Recipe): string[] {
  const img = recipe.image;
  const lines = [
    `name:      ${recipe.name}`,
    `base:      ${recipe.base.image}${recipe.base.digest ? `@${recipe.base.digest}` : ''}`,
    `portage:   ${portageText(recipe)}`,
    `mode:      ${modeText(recipe)}`,
    `packages:  ${recipe.packages.length > 0 ? recipe.packages.join(' ') : '(none)'}`,
    `jobs:      emerge --jobs=${recipe.jobs.emerge}${recipe.jobs.loadAverage !== undefined ? ` --load-average=${recipe.jobs.loadAverage}` : ''}${recipe.jobs.keepGoing ? ' --keep-going' : ''}; MAKEOPTS="${recipe.makeConf.MAKEOPTS ?? ''}"`,
    `caches:    ${Object.entries(recipe.caches).filter(([, on]) => on).map(([k]) => k).join(' ') || 'none'}`,
    `tags:      ${img.tags.length > 0 ? img.tags.join(' ') : '(none)'}`,
  ];
  if (recipe.binaries.hosts.length > 0 || recipe.binaries.onMissing === 'fail') lines.splice(lines.length - 1, 0, `binhosts:  ${binariesText(recipe)}`);
  if (recipe.engine !== undefined) lines.splice(lines.length - 1, 0, `engine:    ${recipe.engine} (unless build --engine says otherwise)`);
  if (recipe.distcc) lines.splice(lines.length - 1, 0, `distcc:    ${distccText(recipe.distcc)}`);
  if (img.entrypoint) lines.push(`entrypoint: ${joinWords(img.entrypoint)}`);
  if (img.cmd) lines.push(`cmd:       ${joinWords(img.cmd)}`);
  if (Object.keys(img.env).length > 0) lines.push(`env:       ${Object.entries(img.env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (img.expose.length > 0) lines.push(`expose:    ${img.expose.join(' ')}`);
  if (img.user) lines.push(`user:      ${img.user}`);
  if (img.workdir) lines.push(`workdir:   ${img.workdir}`);
  if (img.volumes.length > 0) lines.push(`volumes:   ${img.volumes.join(' ')}`);
  if (Object.keys(img.labels).length > 0) lines.push(`labels:    ${Object.entries(img.labels).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (recipe.smokeTest) lines.push(`smoke test: ${joinWords(recipe.smokeTest.argv)}`);
  return lines;
}
