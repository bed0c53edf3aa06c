// The host check of a recipe's binhosts on the real engine, offline as this machine is: Gentoo's
// binhost URL cannot be made from a profile without a version, its real address does not answer, a
// port nobody listens on is refused, and a served name that is not served says so. Nothing crashes.
import { expect, it } from 'vitest';
import { binhostFindings } from '../../../src/core/host/binhost-rules.js';
import { newRecipe } from '../../../src/core/recipe/new-recipe.js';
import { reachBinhosts } from '../../../src/engine/host/binhost-reach.js';
import { describeDocker, testDocker } from '../../helpers/docker.js';
import { realPortageImages } from '../../helpers/real-portage.js';

describeDocker('binhost reach (real engine, offline)', () => {
  it('says for each binhost why it does not answer', async () => {
    const r = newRecipe({ name: 'reach', base: realPortageImages().base, packages: ['app-misc/hello'] });
    r.binaries.hosts = [
      { kind: 'gentoo', variant: 'x86-64' },
      { kind: 'url', url: 'https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64/' },
      { kind: 'url', url: 'http://127.0.0.1:9/' },
      { kind: 'served', name: `nobody-${process.pid}` },
    ];
    const reaches = await reachBinhosts(testDocker(), r);
    expect(reaches.map((x) => x.status)).toEqual([null, null, null, null]);
    expect(reaches[0]!.problem).toBe("the base's profile ../../var/db/repos/gentoo/profiles/test/amd64 names no architecture and version, so its binhost URL is unknown");
    // Offline: no name resolution (or no route); the words depend on the engine's DNS, the cause does not.
    expect(reaches[1]!.problem).toMatch(/Temporary failure in name resolution|Name or service not known|Network is unreachable|No address|timed out/);
    expect(reaches[2]!.problem).toMatch(/Connection refused/);
    expect(reaches[3]!.problem).toBe(`no binhost called "nobody-${process.pid}" is served here`);
    const findings = binhostFindings(reaches);
    expect(findings.map((f) => f.status)).toEqual(['warn', 'warn', 'warn', 'warn']);
    expect(findings[1]!.title).toBe('binhost https://distfiles.gentoo.org/releases/amd64/binpackages/23.0/x86-64/ does not answer');
  }, 60_000);
});
