// A recipe's binhost sources as people write and read them: the `--binhost` words of `recipe new`
// (gentoo, gentoo-v3, a URL, a served binhost's name), one-line labels, and the meaning checks
// recipe validation runs on `binaries`.
import type { RecipeProblem } from './recipe-problems.js';
import type { Binaries, BinhostSource } from './recipe-schema.js';

/** Served binhost names (`gentoo-wb binhost serve --name` checks with this rule too: src/engine/binhost/binhost-names.ts). */
export const SERVED_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const WHITESPACE = /\s/;

/** `gentoo`, `gentoo-v3`, an http(s) URL or a served binhost's name → a source; an error text otherwise. */
export function parseBinhostWord(word: string): { ok: true; source: BinhostSource } | { ok: false; problem: string } {
  if (word === 'gentoo' || word === 'gentoo-x86-64') return { ok: true, source: { kind: 'gentoo', variant: 'x86-64' } };
  if (word === 'gentoo-v3' || word === 'gentoo-x86-64-v3') return { ok: true, source: { kind: 'gentoo', variant: 'x86-64-v3' } };
  if (word.includes('://')) {
    const problem = binhostUrlProblem(word);
    return problem ? { ok: false, problem: `"${word}" ${problem}` } : { ok: true, source: { kind: 'url', url: word } };
  }
  if (SERVED_NAME.test(word)) return { ok: true, source: { kind: 'served', name: word } };
  return { ok: false, problem: `"${word}" is neither gentoo, gentoo-v3, an http(s) URL nor a served binhost's name (lowercase letters, digits, -)` };
}

/** The `--binhost` word that gives this source back (recipe show, the Binaries tab). */
export function binhostWord(source: BinhostSource): string {
  if (source.kind === 'gentoo') return source.variant === 'x86-64-v3' ? 'gentoo-v3' : 'gentoo';
  return source.kind === 'url' ? source.url : source.name;
}

/** A one-line description of a source for people. */
export function binhostLabel(source: BinhostSource): string {
  if (source.kind === 'gentoo') return `Gentoo's official binhost (${source.variant}, signed)`;
  if (source.kind === 'url') return `binhost ${source.url}`;
  return `served binhost "${source.name}"`;
}

/** Why a binhost URL cannot go into binrepos.conf, or null: http/https only, one line, no spaces, a host. */
function binhostUrlProblem(url: string): string | null {
  if (WHITESPACE.test(url)) return 'contains whitespace or a line break, which binrepos.conf cannot hold';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `uses ${parsed.protocol.replace(/:$/, '')}://; only http:// and https:// binhosts are supported`;
  if (parsed.hostname === '') return 'has no host';
  if (parsed.username !== '' || parsed.password !== '') return 'carries a user name or password, which would be written into binrepos.conf and the image';
  if (parsed.search !== '' || parsed.hash !== '') return 'has a ?query or #fragment; Portage appends file names to the URL';
  // configparser interpolation: a % would be read as the start of %(name)s.
  if (url.includes('%')) return 'contains %, which binrepos.conf reads as an interpolation';
  return null;
}

function sameSource(a: BinhostSource, b: BinhostSource): boolean {
  if (a.kind === 'gentoo' && b.kind === 'gentoo') return true;
  if (a.kind === 'url' && b.kind === 'url') return a.url.replace(/\/+$/, '') === b.url.replace(/\/+$/, '');
  return a.kind === 'served' && b.kind === 'served' && a.name === b.name;
}

/** The amd64-only checks need the base's architecture; the image tag says it for Gentoo's stage3 images. */
const NON_AMD64_TAG = /:(?:arm64|arm|x86|i686|ppc64le|ppc64|ppc|riscv|s390|sparc|alpha|hppa|loong|m68k|mips|ia64)\b/;

/** Meaning problems of `binaries`: URLs, names, duplicates, the x86-64 variants on a non-amd64 base. */
export function binariesProblems(binaries: Binaries, baseImage: string): RecipeProblem[] {
  const out: RecipeProblem[] = [];
  binaries.hosts.forEach((source, i) => {
    const field = `binaries.hosts[${i}]`;
    if (source.kind === 'url') {
      const problem = binhostUrlProblem(source.url);
      if (problem) out.push({ field: `${field}.url`, problem: `"${source.url}" ${problem}`, hint: 'e.g. https://binhost.example.org/amd64/ (the folder that holds Packages)' });
    }
    if (source.kind === 'served' && !SERVED_NAME.test(source.name)) {
      out.push({ field: `${field}.name`, problem: `"${source.name}" is not a served binhost's name`, hint: 'the name `gentoo-wb binhost status` shows: lowercase letters, digits and -, at most 32' });
    }
    if (source.kind === 'gentoo' && NON_AMD64_TAG.test(baseImage)) {
      out.push({ field, problem: `Gentoo's ${source.variant} binary packages are built for amd64, and the base ${baseImage} is not an amd64 image`, hint: 'remove this binhost or choose an amd64 base' });
    }
    const first = binaries.hosts.findIndex((other) => sameSource(other, source));
    if (first < i) {
      const what = source.kind === 'gentoo' ? "Gentoo's official binhost is listed more than once (a base has one profile, so one variant)" : `${binhostWord(source)} is listed twice`;
      out.push({ field, problem: what, hint: `keep one (binaries.hosts[${first}])` });
    }
  });
  return out;
}
