// The org.gentoo-wb.* labels every container, image and volume we create carries. Cleanup and
// reattachment find our objects by these labels alone, so names live here and nowhere else.

/** Prefix shared by every label gentoo-wb writes. */
export const LABEL_PREFIX = 'org.gentoo-wb.';

/** Label keys, one place for their spelling. */
export const LABEL = {
  version: 'org.gentoo-wb.version',
  buildId: 'org.gentoo-wb.build-id',
  role: 'org.gentoo-wb.role',
  recipeHash: 'org.gentoo-wb.recipe-hash',
  mode: 'org.gentoo-wb.mode',
  sourceImage: 'org.gentoo-wb.source-image',
  cacheKey: 'org.gentoo-wb.cache-key',
  /** Which namespace (GENTOO_WB_NAMESPACE) made the object; absent in the default namespace. */
  namespace: 'org.gentoo-wb.namespace',
  /** Stage4 images: the -march they were built for, and the CPU flags that means. */
  march: 'org.gentoo-wb.march',
  cpuFlags: 'org.gentoo-wb.cpu-flags',
  /** Binhost containers (`gentoo-wb binhost serve`): name, cache key, volume, port served in the container, network. */
  binhostName: 'org.gentoo-wb.binhost-name',
  binhostKey: 'org.gentoo-wb.binhost-key',
  binhostVolume: 'org.gentoo-wb.binhost-volume',
  binhostPort: 'org.gentoo-wb.binhost-port',
  binhostNetwork: 'org.gentoo-wb.binhost-network',
} as const;

/**
 * What an object is for. Roles decide what `clean` may remove: results are the user's product and
 * are never leftovers; caches are removed only when volumes are asked for.
 */
export type ObjectRole =
  | 'builder'
  | 'portage-snapshot'
  | 'cache'
  | 'flatten-source'
  | 'intermediate'
  | 'export-temp'
  | 'probe'
  | 'imported'
  | 'result'
  /** A long-running HTTP server of a binary package cache (`gentoo-wb binhost serve`); only `binhost stop` removes it. */
  | 'binhost'
  /** A distccd helper container of a build (recipe.distcc), or the container emerging distcc for its image; removed with the build. */
  | 'distcc-helper'
  /** The base plus sys-devel/distcc, made once per base image on each helper engine and reused. */
  | 'distcc-image';

const OBJECT_ROLES: readonly ObjectRole[] = [
  'builder', 'portage-snapshot', 'cache', 'flatten-source', 'intermediate', 'export-temp', 'probe', 'imported', 'result', 'binhost', 'distcc-helper', 'distcc-image',
];

/** Images with these roles are the user's to keep; cleanup never touches them. */
export const KEPT_IMAGE_ROLES: readonly ObjectRole[] = ['result', 'imported'];

/**
 * Roles only containers get. The engines copy an image's labels into every container made from
 * it, so a container someone runs from a gentoo-wb image carries that image's role (`result`, …);
 * only a container role set at creation marks a container gentoo-wb made.
 */
export const CONTAINER_ROLES: readonly ObjectRole[] = ['builder', 'portage-snapshot', 'flatten-source', 'export-temp', 'probe', 'distcc-helper'];

/** Roles an image may carry (committing a container must not leave a container role on the image). */
export const IMAGE_ROLES: readonly ObjectRole[] = ['result', 'imported', 'intermediate', 'distcc-image'];

export type Labels = Record<string, string>;

export interface LabelInput {
  /** gentoo-wb's own version (package.json). */
  version: string;
  role: ObjectRole;
  buildId?: string;
  recipeHash?: string;
  mode?: string;
  sourceImage?: string;
  cacheKey?: string;
  /** The namespace the object belongs to; null or absent for the default namespace. */
  namespace?: string | null;
  /** Further labels: keys must not use our prefix (those are ours to define). */
  extra?: Labels;
}

/** Build the label set for a new object; throws when `extra` tries to forge one of ours. */
export function gentooWbLabels(input: LabelInput): Labels {
  const labels: Labels = {};
  for (const [key, value] of Object.entries(input.extra ?? {})) {
    if (key.startsWith(LABEL_PREFIX)) throw new Error(`label ${key} uses the reserved prefix ${LABEL_PREFIX}`);
    labels[key] = value;
  }
  labels[LABEL.version] = input.version;
  labels[LABEL.role] = input.role;
  if (input.buildId !== undefined) labels[LABEL.buildId] = input.buildId;
  if (input.recipeHash !== undefined) labels[LABEL.recipeHash] = input.recipeHash;
  if (input.mode !== undefined) labels[LABEL.mode] = input.mode;
  if (input.sourceImage !== undefined) labels[LABEL.sourceImage] = input.sourceImage;
  if (input.cacheKey !== undefined) labels[LABEL.cacheKey] = input.cacheKey;
  if (input.namespace) labels[LABEL.namespace] = input.namespace;
  return labels;
}

/** What our labels say about an object, or null when it is not ours. */
export interface GentooWbLabelInfo {
  version: string | null;
  role: ObjectRole | 'unknown';
  buildId: string | null;
  recipeHash: string | null;
}

/** True when the object carries gentoo-wb's role label (the mark every created object gets). */
export function isGentooWbObject(labels: Labels | null | undefined): boolean {
  return labels != null && typeof labels[LABEL.role] === 'string';
}

/** Read our labels back from an object's label map. */
export function readGentooWbLabels(labels: Labels | null | undefined): GentooWbLabelInfo | null {
  if (!labels || !isGentooWbObject(labels)) return null;
  const role = labels[LABEL.role] ?? '';
  return {
    version: labels[LABEL.version] ?? null,
    role: (OBJECT_ROLES as readonly string[]).includes(role) ? (role as ObjectRole) : 'unknown',
    buildId: labels[LABEL.buildId] ?? null,
    recipeHash: labels[LABEL.recipeHash] ?? null,
  };
}

/**
 * Engine-side `label` filters (`key` or `key=value`) selecting our objects, optionally one build's
 * or one namespace's. The engines cannot filter on a label being absent, so the default namespace
 * needs `inNamespace` on the results as well.
 */
export function gentooWbLabelFilters(scope: { buildId?: string; role?: ObjectRole; namespace?: string | null } = {}): string[] {
  const filters: string[] = [scope.role === undefined ? LABEL.role : `${LABEL.role}=${scope.role}`];
  if (scope.buildId !== undefined) filters.push(`${LABEL.buildId}=${scope.buildId}`);
  if (scope.namespace) filters.push(`${LABEL.namespace}=${scope.namespace}`);
  return filters;
}

/** Namespaces: lowercase letters, digits and '-', 1 to 32 characters, not starting with '-'. */
const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Why a namespace value is unusable, or null when it is fine. */
export function namespaceProblem(value: string): string | null {
  if (NAMESPACE_PATTERN.test(value)) return null;
  if (value.length > 32) return `"${value}" is ${value.length} characters long (at most 32)`;
  if (value.startsWith('-')) return `"${value}" starts with "-"`;
  return `"${value}" has characters other than lowercase letters, digits and "-"`;
}

/** True when an object's labels put it in `namespace` (null: the default one, objects without the label). */
export function inNamespace(labels: Labels | null | undefined, namespace: string | null): boolean {
  const own = labels?.[LABEL.namespace];
  return namespace ? own === namespace : own === undefined || own === '';
}

/** The start of every name gentoo-wb gives an object: `gentoo-wb-` or `gentoo-wb-<namespace>-`. */
export function objectNamePrefix(namespace: string | null): string {
  return namespace ? `gentoo-wb-${namespace}-` : 'gentoo-wb-';
}
