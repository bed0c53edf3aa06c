// Gentoo LICENSE strings name licences from the repository's licenses/ folder and may group them:
// `|| ( MIT GPL-2 )` (any of) and `ssl? ( OpenSSL )` (when a flag is set). An SBOM wants names.

/** The licence names a LICENSE string mentions, in order, each once. */
export function licenseNames(license: string | null): string[] {
  if (!license) return [];
  const names: string[] = [];
  for (const token of license.split(/\s+/)) {
    if (token === '' || token === '||' || token === '(' || token === ')' || token.endsWith('?')) continue;
    if (!names.includes(token)) names.push(token);
  }
  return names;
}

/** A name usable in an SPDX `LicenseRef-` identifier (letters, digits, `.` and `-` only). */
export function licenseRef(name: string): string {
  return `LicenseRef-gentoo-${name.replace(/[^A-Za-z0-9.-]/g, '-')}`;
}
