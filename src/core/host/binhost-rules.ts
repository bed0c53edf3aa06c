// Host-check findings for the open recipe's binhosts: does each answer GET <url>/Packages, asked from
// a container on the engine the way a build asks (its network, its DNS). Offline, Gentoo's binhost
// is reported as not answering with the reason, not as a crash.
import { fetchErrorDetail } from '../pretend/explain-binhost.js';
import { binhostLabel, binhostWord } from '../recipe/binhost-sources.js';
import type { BinhostSource } from '../recipe/recipe-schema.js';
import { finding, type Finding } from './finding.js';

/** What asking one binhost found. */
export interface BinhostReach {
  source: BinhostSource;
  /** The URL asked (null when none could be made: no profile, not served). */
  url: string | null;
  /** HTTP status of GET Packages; null when nothing answered. */
  status: number | null;
  /** `CPV:` entries of the index when it answered 200. */
  packages: number | null;
  /** Why it could not be asked or did not answer 200; null when it did. */
  problem: string | null;
}

/** One finding per binhost of the recipe. */
export function binhostFindings(reaches: readonly BinhostReach[]): Finding[] {
  return reaches.map((r, i) => {
    const id = `binhost.${i + 1}`;
    const name = binhostLabel(r.source);
    const where = r.url && r.source.kind !== 'url' ? ` at ${r.url}` : '';
    if (r.status === 200 && r.problem === null) {
      return finding({ id, group: 'binhosts', status: 'pass', value: r.packages, title: `${name} answers: ${r.packages ?? 0} package${r.packages === 1 ? '' : 's'} in its index`, detail: `GET Packages${where} answered from a container on the engine, as a build asks.` });
    }
    const said = r.problem ?? `HTTP ${r.status}`;
    const detail = r.url === null ? said : `${fetchErrorDetail(said).detail} (${said})`;
    const fix = r.source.kind === 'served'
      ? ['gentoo-wb binhost status   # is it served and running?', `gentoo-wb binhost serve --name ${binhostWord(r.source)} --recipe FILE`]
      : r.source.kind === 'gentoo'
        ? ['# Gentoo\'s binhost needs the internet: builds compile instead (or fail with onMissing "fail")', 'curl -sI https://distfiles.gentoo.org/releases/   # from the engine\'s host']
        : [`curl -sI ${r.url ?? ''}Packages   # from the engine's host`];
    return finding({ id, group: 'binhosts', status: 'warn', value: r.status, title: `${name} does not answer${where}`, detail: `${detail}. Builds that name it compile instead of fetching, or fail when the recipe allows binary packages only.`, fix });
  });
}
