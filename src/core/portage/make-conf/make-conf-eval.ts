// Values of make.conf variables (references expanded in file order), and which variables Portage
// stacks across configuration layers (incremental ones: profile make.defaults → make.conf → env).
import { isUseExpandVariable } from '../use-flags.js';
import type { MakeConfDoc, ValuePart } from './make-conf-types.js';

/** Variables Portage merges incrementally (portage.const.INCREMENTALS plus ACCEPT_LICENSE). */
const INCREMENTAL_VARIABLES: readonly string[] = [
  'ACCEPT_KEYWORDS', 'ACCEPT_LICENSE', 'ACCEPT_PROPERTIES', 'ACCEPT_RESTRICT', 'CONFIG_PROTECT', 'CONFIG_PROTECT_MASK',
  'ENV_UNSET', 'FEATURES', 'IUSE_IMPLICIT', 'PRELINK_PATH', 'PRELINK_PATH_MASK', 'PROFILE_ONLY_VARIABLES', 'USE',
  'USE_EXPAND', 'USE_EXPAND_HIDDEN', 'USE_EXPAND_IMPLICIT', 'USE_EXPAND_UNPREFIXED',
];

/** True when Portage stacks the variable across layers instead of overriding it. */
export function isIncrementalVariable(name: string, useExpand: readonly string[] = []): boolean {
  return INCREMENTAL_VARIABLES.includes(name) || isUseExpandVariable(name, useExpand);
}

export interface MakeConfValues {
  variables: Record<string, string>;
  /** `source` lines, in order (the caller reads those files). */
  sources: string[];
  problems: { line: number; message: string }[];
}

function expand(parts: readonly ValuePart[], scope: Record<string, string>, base: Record<string, string>): string {
  let out = '';
  for (const p of parts) out += p.kind === 'text' ? p.text : (scope[p.name] ?? base[p.name] ?? '');
  return out;
}

/**
 * Evaluates the assignments in file order. References see earlier assignments of this file, then
 * `base` (e.g. the profile's values), else expand to nothing, as in Portage.
 */
export function evaluateMakeConf(doc: MakeConfDoc, base: Record<string, string> = {}): MakeConfValues {
  const variables: Record<string, string> = {};
  const sources: string[] = [];
  const problems: { line: number; message: string }[] = [];
  for (const node of doc.nodes) {
    if (node.kind === 'assignment') variables[node.name] = expand(node.value, variables, base);
    else if (node.kind === 'source') sources.push(node.path);
    else if (node.kind === 'unknown') problems.push({ line: node.line, message: node.message });
  }
  return { variables, sources, problems };
}
