// Meaning checks on a recipe that has the right shape: atoms parse, flags are flag names, image
// settings are things Docker accepts. Every problem names its field and says what to do.
import { parseAtom } from '../portage/atom-parser.js';
import { checkUseFlagName } from '../portage/use-flags.js';
import type { RecipeProblem } from './recipe-problems.js';
import type { Recipe } from './recipe-schema.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORD = /^(?:~?[a-z0-9][a-z0-9_-]*|\*\*|\*|~\*|-\*)$/;
const LICENSE = /^(?:@?[A-Za-z0-9_][A-Za-z0-9+_.-]*|-\*|\*|-@?[A-Za-z0-9_][A-Za-z0-9+_.-]*)$/;
const EXPOSE = /^\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/;
const REF_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;

/** Why an image reference (`name[:tag][@digest]`) is unusable, or null. */
export function imageRefProblem(ref: string, allowDigest: boolean): string | null {
  if (ref.trim() !== ref || ref === '') return 'is empty or has surrounding spaces';
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!allowDigest) return 'may not carry a digest here (NAME[:TAG])';
    if (!/^sha256:[0-9a-f]{64}$/.test(rest.slice(at + 1))) return 'has a malformed digest (sha256:<64 hex digits>)';
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let repo = rest;
  if (colon > slash) {
    const tag = rest.slice(colon + 1);
    if (!TAG.test(tag)) return `has an invalid tag "${tag}" (letters, digits, _ . -; at most 128)`;
    repo = rest.slice(0, colon);
  }
  const parts = repo.split('/');
  const first = parts[0] ?? '';
  const registry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  for (const part of registry ? parts.slice(1) : parts) {
    if (!REF_COMPONENT.test(part)) {
      const rule = 'lowercase letters and digits, with . _ - between them';
      return repo === ref ? `is not a valid image name (${rule})` : `has an invalid name "${repo}" (${rule})`;
    }
  }
  return null;
}

function atomProblems(field: string, text: string, out: RecipeProblem[], allowSets: boolean): void {
  const result = parseAtom(text);
  if (!result.ok) {
    out.push({ field, problem: `"${text}" is not a valid atom: ${result.error.message}`, hint: 'write it as category/name, e.g. dev-lang/php or >=net-misc/curl-8.11' });
  } else if (result.atom.kind === 'set' && !allowSets) {
    out.push({ field, problem: `"${text}" is a set; only package atoms are allowed here` });
  } else if (result.atom.kind === 'package' && result.atom.blocker) {
    out.push({ field, problem: `"${text}" is a blocker; blockers belong in ebuilds, not in a recipe` });
  }
}

function flagProblems(field: string, flags: string[], out: RecipeProblem[]): void {
  flags.forEach((entry, i) => {
    if (entry === '-*') return;
    const name = entry.replace(/^[-+]/, '');
    const problem = checkUseFlagName(name);
    if (problem) out.push({ field: `${field}[${i}]`, problem: `"${entry}": ${problem.message}` });
  });
}

/** Every meaning problem in the recipe; empty when it can be built. */
export function validateRecipe(recipe: Recipe): RecipeProblem[] {
  const out: RecipeProblem[] = [];
  if (!NAME.test(recipe.name)) out.push({ field: 'name', problem: `"${recipe.name}" is not a usable name`, hint: 'letters, digits, . _ - and no spaces' });
  const baseRef = imageRefProblem(recipe.base.image, true);
  if (baseRef) out.push({ field: 'base.image', problem: `"${recipe.base.image}" ${baseRef}`, hint: 'e.g. gentoo/stage3:amd64-openrc' });
  if (recipe.portage.source === 'snapshot') {
    const p = imageRefProblem(recipe.portage.image, true);
    if (p) out.push({ field: 'portage.image', problem: `"${recipe.portage.image}" ${p}`, hint: 'e.g. gentoo/portage:latest' });
  }
  if (recipe.portage.source === 'host' && !recipe.portage.path.startsWith('/')) {
    out.push({ field: 'portage.path', problem: `"${recipe.portage.path}" is not an absolute path`, hint: 'e.g. /var/db/repos/gentoo' });
  }
  if (recipe.packages.length === 0 && recipe.mode.kind !== 'stage4' && recipe.mode.kind !== 'minimal') {
    out.push({ field: 'packages', problem: 'no packages to build', hint: 'add at least one atom, e.g. app-misc/hello' });
  }
  recipe.packages.forEach((a, i) => atomProblems(`packages[${i}]`, a, out, true));
  for (const [name, value] of Object.entries(recipe.makeConf)) {
    if (!VAR_NAME.test(name)) out.push({ field: `makeConf.${name}`, problem: `"${name}" is not a variable name` });
    if (/[\n\r]/.test(value)) out.push({ field: `makeConf.${name}`, problem: 'the value spans lines', hint: 'keep make.conf values on one line' });
  }
  if (recipe.makeConf.USE !== undefined) flagProblems('makeConf.USE', recipe.makeConf.USE.split(/\s+/).filter(Boolean), out);
  recipe.packageUse.forEach((entry, i) => {
    atomProblems(`packageUse[${i}].atom`, entry.atom, out, false);
    if (entry.flags.length === 0) out.push({ field: `packageUse[${i}].flags`, problem: 'no flags given' });
    flagProblems(`packageUse[${i}].flags`, entry.flags, out);
  });
  recipe.packageAcceptKeywords.forEach((entry, i) => {
    atomProblems(`packageAcceptKeywords[${i}].atom`, entry.atom, out, false);
    entry.keywords.forEach((k, j) => {
      if (!KEYWORD.test(k)) out.push({ field: `packageAcceptKeywords[${i}].keywords[${j}]`, problem: `"${k}" is not a keyword`, hint: 'e.g. ~amd64 or **' });
    });
  });
  recipe.packageMask.forEach((a, i) => atomProblems(`packageMask[${i}]`, a, out, false));
  recipe.packageUnmask.forEach((a, i) => atomProblems(`packageUnmask[${i}]`, a, out, false));
  recipe.packageLicense.forEach((entry, i) => {
    atomProblems(`packageLicense[${i}].atom`, entry.atom, out, false);
    entry.licenses.forEach((l, j) => {
      if (!LICENSE.test(l)) out.push({ field: `packageLicense[${i}].licenses[${j}]`, problem: `"${l}" is not a licence name or group` });
    });
  });
  validateImage(recipe, out);
  validateMode(recipe, out);
  return out;
}

function validateImage(recipe: Recipe, out: RecipeProblem[]): void {
  const image = recipe.image;
  image.tags.forEach((t, i) => {
    const p = imageRefProblem(t, false);
    if (p) out.push({ field: `image.tags[${i}]`, problem: `"${t}" ${p}`, hint: 'e.g. myorg/php:8.3' });
  });
  image.expose.forEach((e, i) => {
    if (!EXPOSE.test(e)) out.push({ field: `image.expose[${i}]`, problem: `"${e}" is not a port`, hint: 'PORT, PORT/tcp or PORT/udp' });
  });
  for (const name of Object.keys(image.env)) {
    if (!VAR_NAME.test(name)) out.push({ field: `image.env.${name}`, problem: `"${name}" is not an environment variable name` });
  }
  if (image.workdir !== undefined && !image.workdir.startsWith('/')) out.push({ field: 'image.workdir', problem: 'must be an absolute path' });
  image.volumes.forEach((v, i) => {
    if (!v.startsWith('/')) out.push({ field: `image.volumes[${i}]`, problem: `"${v}" must be an absolute path` });
  });
  if (image.entrypoint && image.entrypoint.length === 0) out.push({ field: 'image.entrypoint', problem: 'is an empty list', hint: 'leave it out to keep the base image entrypoint' });
}

function validateMode(recipe: Recipe, out: RecipeProblem[]): void {
  const mode = recipe.mode;
  if (mode.kind === 'scratch') mode.unmerge.forEach((a, i) => atomProblems(`mode.unmerge[${i}]`, a, out, false));
  if (mode.kind === 'minimal') {
    flagProblems('mode.keepUse', mode.keepUse, out);
    mode.removeSystem.forEach((a, i) => atomProblems(`mode.removeSystem[${i}]`, a, out, false));
    mode.locales.forEach((l, i) => {
      if (!/^\S+ \S+$/.test(l)) out.push({ field: `mode.locales[${i}]`, problem: `"${l}" is not a locale.gen line`, hint: 'e.g. en_US.UTF-8 UTF-8' });
    });
  }
  if (mode.kind === 'stage4' && !/^(?:native|[a-z0-9][a-z0-9._-]*)$/.test(mode.march)) {
    out.push({ field: 'mode.march', problem: `"${mode.march}" is not a -march value`, hint: 'native, x86-64-v2, x86-64-v3, znver3 …' });
  }
}
