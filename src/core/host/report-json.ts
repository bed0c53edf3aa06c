// `gentoo-wb check --json`: the findings, a summary, and the recommendations builds take as defaults.
import type { HostCheckResult } from './evaluate.js';
import type { Finding } from './finding.js';
import type { FeaturesAdvice } from './probe-rules.js';
import type { SizingRecommendation } from './sizing.js';

/** A finding as scripts read it: every field of Finding, the gate always present (null when none). */
export type JsonFinding = Omit<Finding, 'gate'> & { gate: string | null };

export interface JsonReport {
  findings: JsonFinding[];
  summary: { pass: number; warn: number; fail: number; info: number; total: number; ok: boolean; elapsedMs: number; root: string };
  recommendations: { sizing: SizingRecommendation; features: FeaturesAdvice };
}

/** The JSON document for scripts. */
export function reportJson(r: HostCheckResult, root: string, elapsedMs: number): JsonReport {
  return {
    findings: r.findings.map((f) => ({ id: f.id, group: f.group, status: f.status, title: f.title, detail: f.detail, fix: f.fix, value: f.value, gate: f.gate ?? null })),
    summary: { ...r.counts, total: r.findings.length, ok: r.ok, elapsedMs: Math.round(elapsedMs), root },
    recommendations: { sizing: r.sizing, features: r.features },
  };
}
