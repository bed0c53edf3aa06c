// Image references: split `registry:port/name:tag@digest` the way the engines do, and check tags.

export interface ImageRef {
  /** Everything before the tag: `gentoo/stage3`, `localhost:5000/x`. */
  repo: string;
  tag: string | null;
  digest: string | null;
}

/** Split a reference; a colon after the last slash starts the tag (a colon before it is a registry port). */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repo: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repo: rest, tag: null, digest };
}

const NAME_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Why a `name[:tag]` cannot be used as a tag target, or null when it can. */
export function invalidTagReason(ref: string): string | null {
  const { repo, tag, digest } = parseImageRef(ref);
  if (digest !== null) return `"${ref}" has a digest; a tag target is NAME[:TAG]`;
  if (repo === '') return 'the image name is empty';
  if (tag !== null && !TAG.test(tag)) return `"${tag}" is not a valid tag (letters, digits, _ . -; at most 128; not starting with . or -)`;
  const parts = repo.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  for (const part of hasRegistry ? parts.slice(1) : parts) {
    if (!NAME_COMPONENT.test(part)) return `"${repo}" is not a valid image name (lowercase letters, digits and . _ - separators)`;
  }
  return null;
}

/** `name:tag` with `latest` filled in, as the engines store it. */
export function withDefaultTag(ref: string): string {
  const parsed = parseImageRef(ref);
  if (parsed.digest !== null) return ref;
  return `${parsed.repo}:${parsed.tag ?? 'latest'}`;
}
