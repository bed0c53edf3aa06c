// Meaning checks on a recipe that has the right shape: atoms parse, flags are flag names, image
// settings are things Docker accepts. Every problem names its field and says what to do.
import { sanitizeText, visibleControl } from '../format/sanitize.js';
import { parseAtom } from '../portage/atom-parser.js';
import { checkUseFlagName } from '../portage/use-flags.js';
import { binariesProblems } from './binhost-sources.js';
import { distccRecipeProblems } from '../distcc/distcc-recipe.js';
import type { RecipeProblem } from './recipe-problems.js';
import type { Recipe } from './recipe-schema.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORD = /^(?:~?[a-z0-9][a-z0-9_-]*|\*\*|\*|~\*|-\*)$/;
const LICENSE = /^(?:@?[A-Za-z0-9_][A-Za-z0-9+_.-]*|-\*|\*|-@?[A-Za-z0-9_][A-Za-z0-9+_.-]*)$/;
const EXPOSE = /^\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/;
const REF_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const REGISTRY_HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?$/;

/** Atoms per list: far more than any image needs, few enough for emerge's argv and the package.* files. */
const MAX_ATOMS = 10_000;
/** Bytes (UTF-8) of one label value, and of all labels' keys and values together. */
const MAX_LABEL_VALUE_BYTES = 8 * 1024;
const MAX_LABELS_BYTES = 64 * 1024;

// C0 controls, DEL, C1 controls, line separators and bidirectional overrides: nothing a recipe value
// needs, and each would be written verbatim into files, image config or a terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// Where a tab (values) or also a line break (arguments of an exec-form command) is harmless.
const TAB_OK = /^(?:makeConf|image\.env|image\.labels)\./;
const NEWLINE_OK = /^(?:image\.cmd|image\.entrypoint|smokeTest\.argv)\[/;

function controlIn(text: string, field: string, isKey: boolean): string | null {
  if (!CONTROL.test(text)) return null;
  for (const c of text) {
    if (!CONTROL.test(c)) continue;
    if (!isKey && c === '\t' && (TAB_OK.test(field) || NEWLINE_OK.test(field))) continue;
    if (!isKey && c === '\n' && NEWLINE_OK.test(field)) continue;
    return c;
  }
  return null;
}

function showKey(key: string): string {
  return [...key].map((c) => (CONTROL.test(c) ? visibleControl(c) : c)).join('');
}

/** Control characters anywhere in the recipe: keys never, values only a tab or (command arguments) a line break. */
function controlProblems(value: unknown, field: string, out: RecipeProblem[]): void {
  // Breadth-first over a queue: the recipe is shallow, but a hostile document need not be.
  const queue: [unknown, string][] = [[value, field]];
  for (let at = 0; at < queue.length; at++) {
    const [v, f] = queue[at] as [unknown, string];
    if (typeof v === 'string') {
      const c = controlIn(v, f, false);
      if (c !== null) out.push({ field: f, problem: `contains the control character ${visibleControl(c)}`, hint: 'remove it: recipe values are written verbatim into files and the image config' });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => queue.push([item, `${f}[${i}]`]));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, item] of Object.entries(v)) {
        const path = f ? `${f}.${showKey(k)}` : showKey(k);
        const c = controlIn(k, path, true);
        if (c !== null) out.push({ field: path, problem: `the name contains the control character ${visibleControl(c)}`, hint: 'names are single words without control characters' });
        queue.push([item, path]);
      }
    }
  }
}

const encoder = new TextEncoder();

function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

// A `${NAME}` or `$NAME` reference, which make.conf keeps live (see quoteMakeConfValue).
const MAKE_CONF_REFERENCE = /\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_])/;

/**
 * Why a make.conf value cannot be written so that Portage's getconfig and a shell sourcing the file
 * read the same text, or null: both unescape backticks, `\\` and `\$` differently, and Portage does
 * not expand a reference after a single quote while the shell does.
 */
function makeConfQuotingProblem(value: string): string | null {
  if (value.includes('`')) return 'contains a backtick (`), which a shell sourcing make.conf would run as a command';
  if (/\\[\\$]/.test(value)) return 'contains \\\\ or \\$, which Portage and the shell unescape differently';
  if (value.includes("'") && MAKE_CONF_REFERENCE.test(value)) return "has a single quote and a ${VAR} reference, which Portage (no expansion after ') and the shell read differently";
  return null;
}

// Folders of the system itself: bind-mounted into a build they would hand it the host's sockets
// (the Docker socket in /run), devices, kernel interfaces or everyone's files.
const SYSTEM_FOLDERS = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/libx32', '/media', '/mnt', '/opt', '/proc',
  '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/lib64', '/usr/local', '/usr/sbin',
  '/usr/share', '/var', '/var/db', '/var/db/repos', '/var/lib', '/var/log', '/var/run', '/var/tmp', '/var/cache', '/var/spool',
]);
// Trees that hold sockets, devices or kernel state, at any depth.
const SYSTEM_TREES = ['/proc', '/sys', '/dev', '/run', '/var/run', '/var/lib/docker', '/var/lib/containers', '/var/lib/containerd'];

/**
 * Why a host path cannot be the recipe's ebuild repository, judged from the text alone, or null: it
 * must be absolute and plain (no `.`/`..`, no doubled or trailing slash) and neither a system folder
 * nor inside one of the trees that hold sockets and devices. The engine checks the folder itself
 * (profiles/repo_name present, no sockets inside) before it is mounted.
 */
export function hostRepositoryPathProblem(path: string): string | null {
  if (!path.startsWith('/')) return 'is not an absolute path';
  const parts = path.split('/').slice(1);
  if (path !== '/' && parts.some((p) => p === '' || p === '.' || p === '..')) return 'is not a plain path (no ., .., // or trailing /)';
  if (SYSTEM_FOLDERS.has(path)) return 'is a system folder, not an ebuild repository; it would hand the build the host\'s files (and sockets)';
  const tree = SYSTEM_TREES.find((t) => path.startsWith(`${t}/`));
  if (tree) return `is inside ${tree}, which holds the host's sockets, devices or engine state`;
  return null;
}

function tooManyAtoms(field: string, atoms: readonly string[], out: RecipeProblem[]): boolean {
  if (atoms.length <= MAX_ATOMS) return false;
  out.push({ field, problem: `${atoms.length} entries; at most ${MAX_ATOMS} are allowed`, hint: 'use a set (e.g. @world or a package set of your own) or split the image into several recipes' });
  return true;
}

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
  if (repo.length > 255) return 'has a name longer than 255 characters';
  const parts = repo.split('/');
  const first = parts[0] ?? '';
  const registry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (registry && !REGISTRY_HOST.test(first)) return `has an invalid registry "${first}" (HOST or HOST:PORT)`;
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
  controlProblems(recipe, '', out);
  if (!NAME.test(recipe.name)) out.push({ field: 'name', problem: `"${recipe.name}" is not a usable name`, hint: 'letters, digits, . _ - and no spaces' });
  const baseRef = imageRefProblem(recipe.base.image, true);
  if (baseRef) out.push({ field: 'base.image', problem: `"${recipe.base.image}" ${baseRef}`, hint: 'e.g. gentoo/stage3:amd64-openrc' });
  if (recipe.base.digest !== undefined && !DIGEST.test(recipe.base.digest)) {
    out.push({ field: 'base.digest', problem: `"${recipe.base.digest}" is not an image digest`, hint: 'sha256: and 64 lowercase hex digits, as `docker images --digests` shows it; or leave it out' });
  }
  if (recipe.portage.source === 'snapshot') {
    const p = imageRefProblem(recipe.portage.image, true);
    if (p) out.push({ field: 'portage.image', problem: `"${recipe.portage.image}" ${p}`, hint: 'e.g. gentoo/portage:latest' });
  }
  if (recipe.portage.source === 'host') {
    const p = hostRepositoryPathProblem(recipe.portage.path);
    if (p) out.push({ field: 'portage.path', problem: `"${recipe.portage.path}" ${p}`, hint: 'a folder that holds an ebuild repository (profiles/repo_name), e.g. /var/db/repos/gentoo' });
  }
  if (recipe.packages.length === 0 && recipe.mode.kind !== 'stage4' && recipe.mode.kind !== 'minimal') {
    out.push({ field: 'packages', problem: 'no packages to build', hint: 'add at least one atom, e.g. app-misc/hello' });
  }
  if (!tooManyAtoms('packages', recipe.packages, out)) recipe.packages.forEach((a, i) => atomProblems(`packages[${i}]`, a, out, true));
  for (const [name, value] of Object.entries(recipe.makeConf)) {
    if (!VAR_NAME.test(name)) out.push({ field: `makeConf.${name}`, problem: `"${name}" is not a variable name` });
    if (/[\n\r]/.test(value)) out.push({ field: `makeConf.${name}`, problem: 'the value spans lines', hint: 'keep make.conf values on one line' });
    const quoting = makeConfQuotingProblem(value);
    if (quoting) out.push({ field: `makeConf.${name}`, problem: quoting, hint: 'make.conf is read by Portage and sourced by shells; write the value without it' });
  }
  if (recipe.makeConf.USE !== undefined) flagProblems('makeConf.USE', recipe.makeConf.USE.split(/\s+/).filter(Boolean), out);
  tooManyAtoms('packageUse', recipe.packageUse.map((e) => e.atom), out);
  tooManyAtoms('packageAcceptKeywords', recipe.packageAcceptKeywords.map((e) => e.atom), out);
  tooManyAtoms('packageLicense', recipe.packageLicense.map((e) => e.atom), out);
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
  if (!tooManyAtoms('packageMask', recipe.packageMask, out)) recipe.packageMask.forEach((a, i) => atomProblems(`packageMask[${i}]`, a, out, false));
  if (!tooManyAtoms('packageUnmask', recipe.packageUnmask, out)) recipe.packageUnmask.forEach((a, i) => atomProblems(`packageUnmask[${i}]`, a, out, false));
  recipe.packageLicense.forEach((entry, i) => {
    atomProblems(`packageLicense[${i}].atom`, entry.atom, out, false);
    entry.licenses.forEach((l, j) => {
      if (!LICENSE.test(l)) out.push({ field: `packageLicense[${i}].licenses[${j}]`, problem: `"${l}" is not a licence name or group` });
    });
  });
  validateImage(recipe, out);
  validateMode(recipe, out);
  out.push(...binariesProblems(recipe.binaries, recipe.base.image));
  out.push(...distccRecipeProblems(recipe));
  if (recipe.binaries.onMissing === 'fail' && recipe.binaries.hosts.length === 0 && !recipe.caches.binpkgs) {
    out.push({ field: 'binaries.onMissing', problem: '"fail" allows binary packages only, and the recipe has no binhost and no local binary package cache', hint: 'add a binhost, turn on caches.binpkgs, or set it to "compile"' });
  }
  // Messages quote what the recipe says: shown, never sent raw to a terminal.
  return out.map((p) => ({ field: sanitizeText(p.field), problem: sanitizeText(p.problem), ...(p.hint !== undefined ? { hint: sanitizeText(p.hint) } : {}) }));
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
  if (image.user !== undefined && image.user.trim() === '') out.push({ field: 'image.user', problem: 'is empty', hint: 'a user name or UID[:GID], or leave it out to keep the base\'s' });
  let labelBytes = 0;
  for (const [key, value] of Object.entries(image.labels)) {
    const bytes = utf8Bytes(value);
    labelBytes += bytes + utf8Bytes(key);
    if (key === '') out.push({ field: 'image.labels', problem: 'has a label with an empty name' });
    if (bytes > MAX_LABEL_VALUE_BYTES) out.push({ field: `image.labels.${key}`, problem: `is ${bytes} bytes; a label value may be at most ${MAX_LABEL_VALUE_BYTES}`, hint: 'put large data in a file in the image and point to it from the label' });
  }
  if (labelBytes > MAX_LABELS_BYTES) out.push({ field: 'image.labels', problem: `the labels are ${labelBytes} bytes together; at most ${MAX_LABELS_BYTES} are allowed`, hint: 'keep labels to short metadata' });
  image.volumes.forEach((v, i) => {
    if (!v.startsWith('/')) out.push({ field: `image.volumes[${i}]`, problem: `"${v}" must be an absolute path` });
  });
  if (image.entrypoint && image.entrypoint.length === 0) out.push({ field: 'image.entrypoint', problem: 'is an empty list', hint: 'leave it out to keep the base image entrypoint' });
}

function validateMode(recipe: Recipe, out: RecipeProblem[]): void {
  const mode = recipe.mode;
  if (mode.kind === 'scratch' && !tooManyAtoms('mode.unmerge', mode.unmerge, out)) mode.unmerge.forEach((a, i) => atomProblems(`mode.unmerge[${i}]`, a, out, false));
  if (mode.kind === 'minimal') {
    flagProblems('mode.keepUse', mode.keepUse, out);
    if (!tooManyAtoms('mode.removeSystem', mode.removeSystem, out)) mode.removeSystem.forEach((a, i) => atomProblems(`mode.removeSystem[${i}]`, a, out, false));
    mode.locales.forEach((l, i) => {
      if (!/^\S+ \S+$/.test(l)) out.push({ field: `mode.locales[${i}]`, problem: `"${l}" is not a locale.gen line`, hint: 'e.g. en_US.UTF-8 UTF-8' });
    });
  }
  if (mode.kind === 'stage4' && !/^(?:native|[a-z0-9][a-z0-9._-]*)$/.test(mode.march)) {
    out.push({ field: 'mode.march', problem: `"${mode.march}" is not a -march value`, hint: 'native, x86-64-v2, x86-64-v3, znver3 …' });
  }
}
