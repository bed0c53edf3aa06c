// Comparing the tags engines report with the names tests gave: Docker and Podman spell the same tag
// differently (docker.io/library/x, localhost/x), and an untagged name means :latest.
import { withDefaultTag } from '../../src/engine/docker/image-ref.js';

/** The short form Docker prints: drops docker.io/library/, docker.io/ and Podman's localhost/ prefix. */
export function familiarName(ref: string): string {
  for (const prefix of ['docker.io/library/', 'docker.io/', 'localhost/']) {
    if (ref.startsWith(prefix)) return ref.slice(prefix.length);
  }
  return ref;
}

/** True when two references name the same image tag on either engine. */
export function sameImageName(a: string, b: string): boolean {
  return familiarName(withDefaultTag(a)) === familiarName(withDefaultTag(b));
}
