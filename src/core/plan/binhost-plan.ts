// Binhosts in a plan: a recipe's sources (Gentoo's official binhost, URLs, served binhosts) resolved
// against the base's profile and the served binhosts the engine found, rendered as Portage 3.0.82
// reads them (portage/binrepo/config.py: one section per repository with `priority`, `sync-uri`,
// `verify-signature`), plus the FEATURES and emerge options that make emerge fetch from them.
import type { Binaries, BinhostSource, Recipe } from '../recipe/recipe-schema.js';
import type { ContainerStep, PlanFile } from './plan-types.js';

/** Gentoo's stage3 ships its binhost as this file; writing the same path replaces it rather than adding a second. */
const GENTOO_BINHOST_FILE = '/etc/portage/binrepos.conf/gentoobinhost.conf';
const GENTOO_BINHOST_SECTION = 'gentoobinhost';
const BINREPOS_DIR = '/etc/portage/binrepos.conf';

/** A served binhost (`gentoo-wb binhost serve`) as the engine found it; the plan checks and uses it. */
export interface ServedBinhostFacts {
  name: string;
  /** Its binary package cache key (binpkgCacheKey of CHOST and CFLAGS). */
  key: string;
  running: boolean;
  /** The URL the build container uses (in `network` when there is one). */
  url: string | null;
  /** The Docker network the build container must join to reach `url`; null: the default bridge reaches it. */
  network: string | null;
}

/** One binrepos.conf repository the build will read. */
export interface ResolvedBinhost {
  source: BinhostSource;
  /** The section name, which Portage prints in its messages (`[name] …`). */
  section: string;
  file: string;
  url: string;
  priority: number;
  verifySignature: boolean;
}

export type BinhostResolution = { ok: true; hosts: ResolvedBinhost[]; network: string | null } | { ok: false; problem: string };

/** Architecture and profile version of a profile path (`default/linux/amd64/23.0/systemd`, or a make.profile link target). */
export function profileParts(profile: string | null | undefined): { arch: string; version: string } | null {
  if (!profile) return null;
  const at = profile.lastIndexOf('profiles/');
  const path = (at >= 0 ? profile.slice(at + 'profiles/'.length) : profile).split(' ')[0] ?? '';
  const parts = path.split('/').filter(Boolean);
  const linux = parts.indexOf('linux');
  if (linux < 0) return null;
  const arch = parts[linux + 1];
  const version = parts[linux + 2];
  if (!arch || !version || !/^\d+(?:\.\d+)+$/.test(version)) return null;
  return { arch, version };
}

/** Gentoo's official binhost for an architecture, profile version and variant, as Gentoo documents it. */
export function officialBinhostUrl(arch: string, version: string, variant: string): string {
  return `https://distfiles.gentoo.org/releases/${arch}/binpackages/${version}/${variant}/`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'binhost';
}

function sectionBase(source: BinhostSource): string {
  if (source.kind === 'gentoo') return GENTOO_BINHOST_SECTION;
  if (source.kind === 'served') return `served-${slug(source.name)}`;
  try {
    const url = new URL(source.url);
    return slug(url.port ? `${url.hostname}-${url.port}` : url.hostname);
  } catch {
    return 'binhost';
  }
}

export interface ResolveInput {
  binaries: Binaries;
  /** The base's profile (make.profile link target or emerge --info's), for the official binhost. */
  profile: string | null | undefined;
  /**
   * The build's own binary package cache key: a served binhost of another key would install wrong
   * binaries. Null when the base's CHOST is not known (a pretend without base facts): not checked.
   */
  cacheKey: string | null;
  /** Served binhosts the engine found, by name; a missing name was not found. */
  served: Record<string, ServedBinhostFacts | null>;
}

/** The recipe's binhosts as binrepos.conf repositories, or the first reason they cannot be used. */
export function resolveBinhosts(input: ResolveInput): BinhostResolution {
  const hosts: ResolvedBinhost[] = [];
  const used = new Set<string>();
  let network: string | null = null;
  const count = input.binaries.hosts.length;
  for (const [i, source] of input.binaries.hosts.entries()) {
    let url: string;
    if (source.kind === 'gentoo') {
      const parts = profileParts(input.profile);
      if (!parts) return { ok: false, problem: `Gentoo's official binhost is chosen, but the base's profile ${input.profile ? `"${input.profile}"` : '(unknown)'} names no architecture and profile version (like default/linux/amd64/23.0); remove the binhost or choose a Gentoo stage3 base` };
      if (parts.arch !== 'amd64') return { ok: false, problem: `Gentoo's ${source.variant} binary packages are for amd64, and the base's profile is for ${parts.arch}; remove the binhost or choose an amd64 base` };
      url = officialBinhostUrl(parts.arch, parts.version, source.variant);
    } else if (source.kind === 'url') {
      url = source.url;
    } else {
      const found = input.served[source.name] ?? null;
      if (!found) return { ok: false, problem: `no binhost called "${source.name}" is served here; start it with \`gentoo-wb binhost serve\`, or check the name with \`gentoo-wb binhost status\`` };
      if (!found.running) return { ok: false, problem: `the binhost "${source.name}" is not running; start it again with \`gentoo-wb binhost serve\`` };
      if (input.cacheKey !== null && found.key !== input.cacheKey) {
        return { ok: false, problem: `the binhost "${source.name}" serves binary packages built for another CHOST/CFLAGS (cache key ${found.key}; this build's is ${input.cacheKey}); its packages would install wrong binaries, so the build refuses it — serve this recipe's cache (gentoo-wb binhost serve --recipe …) or use the same CFLAGS` };
      }
      if (!found.url) return { ok: false, problem: `the binhost "${source.name}" has no address a build container can reach (no network and no published port); restart it with \`gentoo-wb binhost serve\`` };
      if (found.network !== null) {
        if (network !== null && network !== found.network) return { ok: false, problem: `the served binhosts are on different Docker networks (${network}, ${found.network}); a build container joins one — serve them on the same network` };
        network = found.network;
      }
      url = found.url;
    }
    let section = sectionBase(source);
    for (let n = 2; used.has(section); n++) section = `${sectionBase(source)}-${n}`;
    used.add(section);
    const official = source.kind === 'gentoo';
    hosts.push({
      source,
      section,
      file: official ? GENTOO_BINHOST_FILE : `${BINREPOS_DIR}/gentoo-wb-${section}.conf`,
      url,
      // The first listed is preferred: Portage orders repositories by descending priority.
      priority: (count - i) * 10,
      // Portage's own default (share/portage/config/binrepos.conf: [DEFAULT] verify-signature = true) would
      // refuse unsigned packages, which a binhost of the user's usually serves: every section says it.
      verifySignature: official,
    });
  }
  return { ok: true, hosts, network };
}

const HEADER = '# Written by gentoo-wb from the recipe; edit the recipe, not this file.\n';

/**
 * The binrepos.conf files: one per repository. Without Gentoo's binhost among them the stage3's own
 * gentoobinhost.conf is replaced by an empty one, so `--getbinpkg` reads only the recipe's binhosts.
 */
export function binreposFiles(hosts: readonly ResolvedBinhost[]): PlanFile[] {
  if (hosts.length === 0) return [];
  const files: PlanFile[] = hosts.map((h) => ({
    path: h.file,
    content: `${HEADER}[${h.section}]\npriority = ${h.priority}\nsync-uri = ${h.url}\nverify-signature = ${h.verifySignature ? 'true' : 'false'}\n`,
    mode: 0o644,
  }));
  if (!hosts.some((h) => h.source.kind === 'gentoo')) {
    files.unshift({ path: GENTOO_BINHOST_FILE, content: `${HEADER}# Gentoo's official binhost is not among this recipe's binary sources.\n`, mode: 0o644 });
  }
  return files;
}

/**
 * FEATURES for the binhosts: `getbinpkg`, and `binpkg-request-signature` when Gentoo's signed binhost is
 * the only binary source. Portage applies that feature to every binary package (portage/gpkg.py), so with
 * a binhost of the user's or the local cache (unsigned packages) it would refuse theirs; the official
 * binhost's own `verify-signature = true` keeps its packages checked in that case.
 */
export function binhostFeatures(recipe: Recipe): string[] {
  const hosts = recipe.binaries.hosts;
  if (hosts.length === 0) return [];
  const onlyOfficial = hosts.every((h) => h.kind === 'gentoo') && !recipe.caches.binpkgs;
  return onlyOfficial ? ['getbinpkg', 'binpkg-request-signature'] : ['getbinpkg'];
}

/** emerge options for the recipe's binary sources: fetch from binhosts; with onMissing `fail`, binaries only. */
export function binhostEmergeOptions(recipe: Recipe): string[] {
  const { hosts, onMissing } = recipe.binaries;
  if (hosts.length > 0) return onMissing === 'fail' ? ['--getbinpkg', '--getbinpkgonly'] : ['--getbinpkg'];
  if (onMissing === 'fail' && recipe.caches.binpkgs) return ['--usepkgonly'];
  return [];
}

/** Gentoo's binhost signs its packages; getuto puts Gentoo's release keys where Portage verifies them. */
export function getutoStep(): ContainerStep {
  return { id: 'getuto', title: "Set up the keys of Gentoo's binhost (getuto)", argv: ['getuto'], env: {}, output: 'plain', okExitCodes: [] };
}

/** True when the recipe names Gentoo's official binhost. */
export function usesOfficialBinhost(recipe: Recipe): boolean {
  return recipe.binaries.hosts.some((h) => h.kind === 'gentoo');
}
