// A plan as text for `gentoo-wb build RECIPE --plan`: what will run, in order, exactly.
import type { BuildPlan, PlanMount } from './plan-types.js';

function mountText(m: PlanMount): string {
  if (m.kind === 'volume') return `volume ${m.name} → ${m.target}${m.readOnly ? ' (ro)' : ''}  [${m.role}]`;
  if (m.kind === 'bind') return `bind ${m.source} → ${m.target}${m.readOnly ? ' (ro)' : ''}`;
  return `tmpfs → ${m.target}`;
}

/** Quote an argument for display only (never executed). */
function displayArg(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./<>~*-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Multi-line description of a plan. */
export function formatPlan(plan: BuildPlan): string {
  const lines: string[] = [];
  lines.push(`Build plan (${plan.mode} mode), recipe ${plan.recipeHash.slice(0, 12)}`);
  lines.push(`Builder container from ${plan.container.image}`);
  if (plan.container.portageSnapshotImage) lines.push(`  Portage tree: volume of ${plan.container.portageSnapshotImage} (shared data container)`);
  for (const m of plan.container.mounts) lines.push(`  ${mountText(m)}`);
  if (plan.container.capAdd.length) lines.push(`  capabilities: ${plan.container.capAdd.join(', ')}`);
  if (plan.container.network) lines.push(`  network: ${plan.container.network} (a served binhost's)`);
  if (plan.binhosts.length) {
    lines.push('Binhosts (binrepos.conf, most preferred first):');
    for (const b of plan.binhosts) lines.push(`  [${b.section}] ${b.url}`);
  }
  lines.push('Files uploaded:');
  for (const f of plan.files) lines.push(`  ${f.path}`);
  lines.push('Steps in the container:');
  plan.steps.forEach((s, i) => {
    const env = Object.entries(s.env).map(([k, v]) => `${k}=${displayArg(v)} `).join('');
    lines.push(`  ${i + 1}. ${s.title}`);
    lines.push(`     ${env}${s.argv.map(displayArg).join(' ')}`);
  });
  lines.push('Then, from the host:');
  for (const f of plan.finish) lines.push(`  - ${f.title}`);
  if (plan.tags.length) lines.push(`Tags: ${plan.tags.join(', ')}`);
  for (const n of plan.notes) lines.push(`Note: ${n}`);
  return lines.join('\n');
}
