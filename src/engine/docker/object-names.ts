// Fresh names for the objects gentoo-wb creates: build IDs, temporary image/container names, and the
// namespace (GENTOO_WB_NAMESPACE) that keeps one set of objects (a test run's) apart from a person's.
import { randomBytes } from 'node:crypto';
import { isGentooWbObject, LABEL, namespaceProblem, objectNamePrefix, type Labels } from '../../core/labels.js';
import { EngineError } from './errors.js';

/** The environment variable naming the namespace; read here and nowhere else. */
const NAMESPACE_ENV = 'GENTOO_WB_NAMESPACE';

/**
 * The namespace objects are created in and looked up from, or null for the default one (unset or
 * empty). Throws a `bad-request` EngineError for a value that cannot be a namespace.
 */
export function currentNamespace(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env[NAMESPACE_ENV];
  if (value === undefined || value === '') return null;
  const problem = namespaceProblem(value);
  if (problem !== null) {
    throw new EngineError('bad-request', `${NAMESPACE_ENV}=${JSON.stringify(value)} cannot be a namespace: ${problem}`,
      `use 1 to 32 lowercase letters, digits and "-" (not first), e.g. ${NAMESPACE_ENV}=test-1a2b3c, or unset it for the default namespace`);
  }
  return value;
}

/**
 * Our labels plus the current namespace's, so every object gentoo-wb creates lands in the namespace
 * whichever code made its labels. Labels that are not ours (a test's control object) stay as given.
 */
export function withNamespaceLabel(labels: Labels, namespace: string | null = currentNamespace()): Labels {
  if (!namespace || !isGentooWbObject(labels) || labels[LABEL.namespace] !== undefined) return labels;
  return { ...labels, [LABEL.namespace]: namespace };
}

/** `gentoo-wb-<rest>`, or `gentoo-wb-<namespace>-<rest>` inside a namespace. */
export function objectName(rest: string, namespace: string | null = currentNamespace()): string {
  return `${objectNamePrefix(namespace)}${rest}`;
}

/** The temporary image repository prefix of a namespace (`gentoo-wb-tmp`, `gentoo-wb-<ns>-tmp`). */
export function tempImageRepo(namespace: string | null = currentNamespace()): string {
  return objectName('tmp', namespace);
}

/** A new build ID: sortable by time, unique enough to label one build's objects. */
export function newBuildId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** A temporary image name such as `gentoo-wb-tmp/flatten-1a2b3c4d:latest` (`gentoo-wb-<ns>-tmp/…` in a namespace). */
export function temporaryImageName(purpose: string): string {
  return `${tempImageRepo()}/${purpose}-${randomBytes(4).toString('hex')}:latest`;
}
