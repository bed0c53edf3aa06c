import { describe, expect, it } from 'vitest';
import { parsePackageAtom } from '../../../src/core/portage/atom-parser.js';
import { packageFlagsFrom, treeFlagsFrom } from '../../../src/engine/repo/flag-catalogue.js';
import { bestVersion, ebuildIuse, ebuildKeywords, ebuildVersions, md5CacheIuse } from '../../../src/engine/repo/iuse.js';

const USE_DESC = `# This file contains descriptions of global USE flags
ssl - Add support for SSL/TLS connections (Secure Socket Layer / Transport Layer Security)
ipv6 - Add support for IP version 6
http2 - Enable support for the HTTP/2 protocol
`;
const LOCAL_DESC = `# local flags
dev-lang/php:fpm - Enable the FastCGI Process Manager SAPI
dev-lang/php:ssl - PHP's own words on ssl
net-misc/curl:curl_ssl_openssl - Use OpenSSL
www-servers/nginx:fpm - nginx talks to FPM
app-misc/a:fpm - x
app-misc/b:fpm - y
`;
const METADATA = `<?xml version="1.0" encoding="UTF-8"?>
<pkgmetadata>
  <use>
    <flag name="http2">Enable HTTP/2 via <pkg>net-libs/nghttp2</pkg></flag>
    <flag name="ssl" lang="de">Deutsch</flag>
  </use>
</pkgmetadata>`;

describe('IUSE', () => {
  it('parses defaults and skips variable references and duplicates', () => {
    expect(md5CacheIuse('IUSE=+ssl -debug test ${PHP_SAPIS} ssl\n')).toEqual([
      { name: 'ssl', default: 'on' }, { name: 'debug', default: 'off' }, { name: 'test', default: null },
    ]);
  });

  it('reads IUSE from ebuild text (several, multi-line assignments) and from the metadata cache', () => {
    const ebuild = 'EAPI=8\nIUSE="+ssl\n\tidn"\nIUSE+=" test"\nMY_IUSE="nope"\n';
    expect(ebuildIuse(ebuild).map((f) => f.name)).toEqual(['ssl', 'idn', 'test']);
    expect(md5CacheIuse('DEFINED_PHASES=compile\nIUSE=+http2 ipv6 test\nKEYWORDS=~amd64\n')?.map((f) => f.name)).toEqual(['http2', 'ipv6', 'test']);
    expect(md5CacheIuse('KEYWORDS=amd64\n')).toBeNull();
  });

  it('lists ebuild versions newest first and picks the newest the atom selects', () => {
    const versions = ebuildVersions('openssl', ['openssl-3.3.2-r2.ebuild', 'openssl-3.4.0.ebuild', 'metadata.xml', 'openssl-1.1.1w.ebuild', 'files/x.patch']);
    expect(versions).toEqual(['3.4.0', '3.3.2-r2', '1.1.1w']);
    const atom = (t: string) => {
      const r = parsePackageAtom(t);
      if (!r.ok) throw new Error(r.error.message);
      return r.atom;
    };
    expect(bestVersion(atom('<dev-libs/openssl-3.4'), versions)).toBe('3.3.2-r2');
    expect(bestVersion(atom('dev-libs/openssl'), versions)).toBe('3.4.0');
    expect(bestVersion(atom('>=dev-libs/openssl-9'), versions)).toBe('3.4.0');
    expect(bestVersion(atom('dev-libs/openssl'), [])).toBeNull();
    // Stable first, then testing, never a live ebuild without keywords unless nothing else is there.
    const kw: Record<string, string[]> = { '9999': [], '3.4.0': ['~amd64'], '3.3.2-r2': ['amd64', '~arm64'] };
    expect(bestVersion(atom('dev-libs/openssl'), ['9999', '3.4.0', '3.3.2-r2'], (v) => kw[v] ?? [])).toBe('3.3.2-r2');
    expect(bestVersion(atom('>=dev-libs/openssl-3.4'), ['9999', '3.4.0', '3.3.2-r2'], (v) => kw[v] ?? [])).toBe('3.4.0');
    expect(bestVersion(atom('=dev-libs/openssl-9999'), ['9999', '3.4.0'], (v) => kw[v] ?? [])).toBe('9999');
    expect(ebuildKeywords('EAPI=8\nKEYWORDS="amd64 ~arm64"\n')).toEqual(['amd64', '~arm64']);
    expect(ebuildKeywords('KEYWORDS=~amd64\n')).toEqual(['~amd64']);
  });
});

describe('flag catalogue', () => {
  it('lists global flags, then flags described only per package (naming a few packages)', () => {
    const tree = treeFlagsFrom('snapshot gentoo/portage:latest', USE_DESC, LOCAL_DESC);
    expect(tree.flags.map((f) => `${f.origin}:${f.name}`)).toEqual(['global:http2', 'global:ipv6', 'global:ssl', 'local:curl_ssl_openssl', 'local:fpm']);
    expect(tree.flags.find((f) => f.name === 'fpm')).toEqual({
      name: 'fpm', origin: 'local', packages: ['dev-lang/php', 'www-servers/nginx', 'app-misc/a'],
      description: 'dev-lang/php www-servers/nginx app-misc/a +1: Enable the FastCGI Process Manager SAPI',
    });
    expect(tree.local.get('dev-lang/php')?.get('ssl')).toBe("PHP's own words on ssl");
  });

  it('describes a package\'s flags from metadata.xml, then use.local.desc, then use.desc', () => {
    const tree = treeFlagsFrom('t', USE_DESC, LOCAL_DESC);
    const curl = packageFlagsFrom(tree, 'net-misc/curl', '8.11.1', md5CacheIuse('IUSE=+http2 ipv6 ssl curl_ssl_openssl brand-new\n')!, METADATA);
    expect(curl.flags).toEqual([
      { name: 'http2', default: 'on', description: 'Enable HTTP/2 via net-libs/nghttp2' },
      { name: 'ipv6', default: null, description: 'Add support for IP version 6' },
      { name: 'ssl', default: null, description: 'Deutsch' },
      { name: 'curl_ssl_openssl', default: null, description: 'Use OpenSSL' },
      { name: 'brand-new', default: null, description: '' },
    ]);
    const php = packageFlagsFrom(tree, 'dev-lang/php', '8.3.14', md5CacheIuse('IUSE=ssl fpm\n')!, null);
    expect(php.flags.map((f) => f.description)).toEqual(["PHP's own words on ssl", 'Enable the FastCGI Process Manager SAPI']);
  });

  it('copes with a tree without description files', () => {
    expect(treeFlagsFrom('t', null, null).flags).toEqual([]);
  });
});
