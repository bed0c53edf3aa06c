// A small index built the way the engine builds one: md5-cache texts as egencache writes them (the
// test repository's), the test/amd64 profile's files and a repository-wide package.mask.
import { parseMd5Cache } from '../../../../src/core/portage/repo-index/md5-cache.js';
import { buildRepoIndex } from '../../../../src/core/portage/repo-index/repo-index.js';
import type { RepoIndex } from '../../../../src/core/portage/repo-index/repo-index-types.js';

const cache = (description: string, keywords: string, slot = '0') => `DEFINED_PHASES=compile install\nDESCRIPTION=${description}\nEAPI=8\nIUSE=+nls\nKEYWORDS=${keywords}\nLICENSE=GPL-3+\nSLOT=${slot}\n_md5_=0123\n`;

export const CACHE: Record<string, string> = {
  'app-misc/hello-2.12.1': cache('GNU "Hello, world" application', 'amd64 ~arm64'),
  'app-misc/hello-9999': 'DESCRIPTION=GNU "Hello, world" application (live version)\nEAPI=8\nPROPERTIES=live\nSLOT=0\n',
  'app-misc/foo-tool-1.0': cache('A tool that links libfoo', 'amd64'),
  'app-misc/newtool-2.0': cache('A new tool', 'amd64'),
  'dev-lang/php-8.2.27': cache('The PHP language runtime engine', 'amd64', '8.2'),
  'dev-lang/php-8.3.15': cache('The PHP language runtime engine', 'amd64', '8.3'),
  'dev-lang/php-8.4.2': cache('The PHP language runtime engine', '~amd64', '8.4'),
  'dev-lang/php-8.5.0_alpha1': cache('The PHP language runtime engine', '~amd64', '8.5'),
  'net-misc/curl-8.11.1': cache('A client-side URL transfer library', 'amd64', '0/4'),
  'net-misc/hurl-6.0': cache('Run HTTP requests defined in plain text', 'amd64'),
  'net-libs/nghttp2-1.62.1': cache('HTTP/2 C library', 'amd64'),
  'dev-libs/openssl-3.3.2-r2': cache('Robust, full-featured Open Source Toolkit for the TLS protocol', 'amd64', '0/3'),
  'dev-libs/openssl-3.4.0': cache('Robust, full-featured Open Source Toolkit for the TLS protocol', '~amd64', '0/3'),
  'sys-apps/which-2.21': cache('Prints out location of specified executables that are in your path', 'amd64'),
  'x11-misc/hello-1.0': cache('Another hello in another category', 'amd64'),
};

export const PROFILE_FILES = new Map<string, string>([
  ['package.mask', '# Repo Maintainer <repo@example.invalid> (2024-01-01)\n# Broken with openssl 3.4.\n# Removal in 30 days.\n=dev-libs/openssl-3.4.0\n\n# Lifted by the profile below.\nnet-misc/hurl\n'],
  ['base/make.defaults', 'ARCH="x86"\nUSE="ssl"\n'],
  ['test/amd64/parent', '../../base\n'],
  ['test/amd64/make.defaults', 'ARCH="amd64"\nACCEPT_KEYWORDS="amd64"\n'],
  ['test/amd64/package.mask', '# Test Maintainer <test@example.invalid> (2024-12-20)\n# Alpha release of the next PHP slot; not ready for general use.\n=dev-lang/php-8.5.0_alpha1\n\n-net-misc/hurl\n'],
]);

/** The fixture index with the test/amd64 profile (or none). */
export function fixtureIndex(profile: string | null = 'test/amd64'): RepoIndex {
  return buildRepoIndex({
    source: 'the tree in test-base',
    entries: Object.entries(CACHE).map(([cpf, text]) => ({ cpf, entry: parseMd5Cache(text) })),
    profile,
    profileFiles: PROFILE_FILES,
  });
}
