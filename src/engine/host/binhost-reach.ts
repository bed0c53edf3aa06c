// Ask each binhost of a recipe for its Packages index the way a build would: from a throwaway
// container of the recipe's base (a stage3 has python3) on the network the build would join, once.
import type Dockerode from 'dockerode';
import type { BinhostReach } from '../../core/host/binhost-rules.js';
import { officialBinhostUrl, profileParts } from '../../core/plan/binhost-plan.js';
import type { BinhostSource, Recipe } from '../../core/recipe/recipe-schema.js';
import { readBaseProfile } from '../base/base-files.js';
import { getPackagesIndex } from '../binhost/probe-binhost.js';
import { resolveServedBinhosts } from '../build/prepare-build.js';
import { currentNamespace } from '../docker/object-names.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';

async function get(docker: Dockerode, image: string, url: string, network: string | null): Promise<Pick<BinhostReach, 'status' | 'packages' | 'problem'>> {
  const { status, packages, problem } = await getPackagesIndex(docker, { image, url, network, attempts: 1 });
  return { status, packages, problem };
}

/** Ask every binhost of `recipe`; a binhost that cannot be asked says why in `problem`. */
export async function reachBinhosts(docker: Dockerode, recipe: Recipe): Promise<BinhostReach[]> {
  const hosts = recipe.binaries.hosts;
  if (hosts.length === 0) return [];
  const image = baseImageRef(recipe);
  const needsProfile = hosts.some((h) => h.kind === 'gentoo');
  const [profile, served] = await Promise.all([
    needsProfile ? readBaseProfile(docker, image).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))) : Promise.resolve(null),
    resolveServedBinhosts(docker, recipe, currentNamespace()),
  ]);
  const one = async (source: BinhostSource): Promise<BinhostReach> => {
    const cannot = (problem: string): BinhostReach => ({ source, url: null, status: null, packages: null, problem });
    let url: string;
    let network: string | null = null;
    if (source.kind === 'gentoo') {
      if (profile instanceof Error) return cannot(profile.message);
      const parts = profileParts(profile);
      if (!parts) return cannot(`the base's profile ${profile ?? '(none)'} names no architecture and version, so its binhost URL is unknown`);
      url = officialBinhostUrl(parts.arch, parts.version, source.variant);
    } else if (source.kind === 'url') {
      url = source.url;
    } else {
      const found = served[source.name] ?? null;
      if (!found) return cannot(`no binhost called "${source.name}" is served here`);
      if (!found.running) return cannot(`the binhost "${source.name}" is not running`);
      if (!found.url) return cannot(`the binhost "${source.name}" has no address a container can reach`);
      url = found.url;
      network = found.network;
    }
    try {
      return { source, url, ...(await get(docker, image, url, network)) };
    } catch (err) {
      return { source, url, status: null, packages: null, problem: `could not ask it from a container of ${image}: ${err instanceof Error ? err.message : String(err)}` };
    }
  };
  return Promise.all(hosts.map(one));
}
