// What `binhost serve` and `binhost status` print: the URLs, the recipe line, the binrepos.conf stanza
// another host uses, and the status table. Pure text from facts.
import type { ServedBinhost } from '../engine/binhost/find-served-binhost.js';
import type { BinhostStatus } from '../engine/binhost/binhost-status.js';

/**
 * binrepos.conf for another host, in the form Portage 3.0.82 reads (portage/binrepo/config.py) and the
 * recipe side writes: the packages are unsigned, so verification is off for this repository.
 */
function binreposStanza(name: string, url: string): string {
  return `[${name}]\npriority = 10\nsync-uri = ${url}\nverify-signature = false\n`;
}

/** The document `binhost serve --json` prints. */
export function serveDocument(b: ServedBinhost, image: string, packages: number | null, answers: boolean) {
  return {
    ...b,
    image,
    answers,
    packages,
    recipeOption: `--binhost ${b.name}`,
    binreposConf: b.hostUrl === null ? null : binreposStanza(b.name, b.hostUrl),
  };
}

/** The lines `binhost serve` prints for a person. */
export function serveText(b: ServedBinhost, image: string, packages: number | null): string {
  const lines = [`serving binhost ${b.name} (key ${b.key}, volume ${b.volume}, ${packages === null ? 'index not read' : `${packages} package${packages === 1 ? '' : 's'}`}) from ${image}`];
  if (b.hostUrl !== null) lines.push(`  other hosts:            ${b.hostUrl}`);
  if (b.urlInNetwork !== null) lines.push(`  containers on ${b.network}: ${b.urlInNetwork}`);
  lines.push(`  a recipe names it:      gentoo-wb recipe new … --binhost ${b.name}`);
  if (b.hostUrl !== null) {
    lines.push('  another host: /etc/portage/binrepos.conf/gentoo-wb.conf with', ...binreposStanza(b.name, b.hostUrl).trimEnd().split('\n').map((l) => `    ${l}`));
    lines.push('    then emerge --getbinpkg … (or PORTAGE_BINHOST=' + b.hostUrl + ')');
  }
  lines.push(`  stop it: gentoo-wb binhost stop ${b.name} (the cache volume stays)`);
  return `${lines.join('\n')}\n`;
}

/** The rows of `binhost status`. */
export function statusRows(list: BinhostStatus[]): string[][] {
  return list.map((b) => [
    b.name, b.key, b.state,
    b.probe === null ? '-' : b.probe.answers && b.probe.problem === null ? 'yes' : `no (${b.probe.problem ?? 'no answer'})`,
    b.probe?.packages === null || b.probe === null ? '-' : String(b.probe.packages),
    [b.hostUrl, b.urlInNetwork].filter((u): u is string => u !== null).join(' ') || '-',
  ]);
}

export const STATUS_HEADER = ['NAME', 'KEY', 'STATE', 'ANSWERS', 'PACKAGES', 'URLS'];
