// Put the description files of a tree together: global flags from use.desc, local flags from
// use.local.desc (a flag described only per package is listed once, naming its packages), and per
// package the IUSE with metadata.xml first, then use.local.desc, then use.desc. Pure.
import { flagDescriptions, parseMetadataXml } from '../../core/portage/descriptions/metadata-xml.js';
import { parseUseDesc, parseUseLocalDesc } from '../../core/portage/descriptions/use-desc.js';
import type { FlagInfo, PackageFlags, TreeFlags } from './flag-types.js';
import type { IuseFlag } from './iuse.js';

const SHOWN_PACKAGES = 3;

/** The flags of a tree from the texts of profiles/use.desc and profiles/use.local.desc (either may be missing). */
export function treeFlagsFrom(source: string, useDesc: string | null, useLocalDesc: string | null): TreeFlags {
  const global = new Map<string, string>();
  for (const e of parseUseDesc(useDesc ?? '').entries) if (!global.has(e.flag)) global.set(e.flag, e.description);
  const local = new Map<string, Map<string, string>>();
  const byFlag = new Map<string, { description: string; packages: string[] }>();
  for (const e of parseUseLocalDesc(useLocalDesc ?? '').entries) {
    const cp = e.package ?? '';
    const flags = local.get(cp) ?? new Map<string, string>();
    flags.set(e.flag, e.description);
    local.set(cp, flags);
    if (global.has(e.flag)) continue;
    const seen = byFlag.get(e.flag);
    if (seen) seen.packages.push(cp);
    else byFlag.set(e.flag, { description: e.description, packages: [cp] });
  }
  const byName = (a: FlagInfo, b: FlagInfo) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const globals: FlagInfo[] = [...global].map(([name, description]) => ({ name, description, origin: 'global' as const })).sort(byName);
  const locals: FlagInfo[] = [...byFlag].map(([name, v]) => {
    const more = v.packages.length > SHOWN_PACKAGES ? ` +${v.packages.length - SHOWN_PACKAGES}` : '';
    const prefix = `${v.packages.slice(0, SHOWN_PACKAGES).join(' ')}${more}`;
    return { name, description: `${prefix}: ${v.description}`, origin: 'local' as const, packages: v.packages.slice(0, SHOWN_PACKAGES) };
  }).sort(byName);
  return { source, flags: [...globals, ...locals], local };
}

/** One package's flags with descriptions: metadata.xml, then use.local.desc, then use.desc. */
export function packageFlagsFrom(tree: TreeFlags, cp: string, version: string | null, iuse: readonly IuseFlag[], metadataXml: string | null): PackageFlags {
  const meta = metadataXml ? flagDescriptions(parseMetadataXml(metadataXml)) : new Map<string, string>();
  const local = tree.local.get(cp);
  const global = new Map(tree.flags.filter((f) => f.origin === 'global').map((f) => [f.name, f.description]));
  const flags = iuse.map((f) => ({ ...f, description: meta.get(f.name) ?? local?.get(f.name) ?? global.get(f.name) ?? '' }));
  return { cp, version, flags, problem: null };
}
