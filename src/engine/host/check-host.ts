// One call for the whole check: gather the facts, apply the rules, time it.
import { evaluateHost, type HostCheckResult } from '../../core/host/evaluate.js';
import type { HostFacts } from '../../core/host/facts.js';
import { FINDING_GROUPS, type FindingGroup } from '../../core/host/finding.js';
import { gatherHostFacts, type GatherOptions } from './gather.js';

export interface HostCheckReport {
  facts: HostFacts;
  result: HostCheckResult;
  elapsedMs: number;
}

/** Gather and evaluate; the probe only runs when the container group is wanted. */
export async function checkHost(options: GatherOptions = {}, groups: readonly FindingGroup[] = FINDING_GROUPS): Promise<HostCheckReport> {
  const started = performance.now();
  const facts = await gatherHostFacts({ ...options, probe: (options.probe ?? true) && groups.includes('container') });
  const result = evaluateHost(facts, groups);
  return { facts, result, elapsedMs: performance.now() - started };
}
