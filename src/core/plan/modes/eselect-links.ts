// Links that eselect modules make on a running system and cannot make under ROOT. A scratch build
// puts a no-op eselect first on PATH for the emerge and then makes these links itself: for each,
// the newest file matching a pattern inside ROOT becomes the target.

export interface EselectLink {
  /** The eselect module whose job this is. */
  module: string;
  /** The link inside ROOT. */
  link: string;
  /** Globs inside ROOT, tried in order; the newest match (version order) becomes the target. */
  candidates: string[];
}

/** Known eselect-managed links (the stand-in's php installs /usr/bin/phpX.Y; Gentoo's lives under /usr/lib64/phpX.Y). */
export const ESELECT_LINKS: readonly EselectLink[] = [
  { module: 'php', link: '/usr/bin/php', candidates: ['/usr/bin/php[0-9]*', '/usr/lib64/php[0-9]*/bin/php'] },
  { module: 'php', link: '/usr/bin/php-cgi', candidates: ['/usr/lib64/php[0-9]*/bin/php-cgi'] },
  { module: 'ruby', link: '/usr/bin/ruby', candidates: ['/usr/bin/ruby[0-9]*'] },
  { module: 'lua', link: '/usr/bin/lua', candidates: ['/usr/bin/lua[0-9]*'] },
  { module: 'lua', link: '/usr/bin/luac', candidates: ['/usr/bin/luac[0-9]*'] },
];

/** `LINK PATTERN` argument pairs for the eselect-links helper. */
export function eselectLinkArgs(links: readonly EselectLink[] = ESELECT_LINKS): string[] {
  return links.flatMap((l) => l.candidates.flatMap((c) => [l.link, c]));
}
