// The make.conf tab's rows: every variable in file order, then emerge's --jobs and --load-average.
import { CFLAGS_PRESETS } from '../../../core/recipe/new-recipe.js';
import { cflagsPresetIndex, withMakeConfVar } from '../../../core/recipe/recipe-edit.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import { ok, type FormRow } from './form-rows.js';

const NOTES: Record<string, string> = {
  COMMON_FLAGS: 'p cycles the presets: -O2 -pipe · -march=native -O2 -pipe · -Os -pipe',
  MAKEOPTS: 'make jobs inside one package; r takes it (and --jobs) from the host checks',
  FEATURES: '-ipc/-network/-pid-sandbox: Docker\'s seccomp profile refuses the unshare() they need',
  USE: 'the USE tab edits this flag by flag',
};

/** Rows for make.conf and the emerge job settings. */
export function makeConfRows(recipe: Recipe): FormRow[] {
  const rows: FormRow[] = Object.entries(recipe.makeConf).map(([name, value]) => ({
    kind: 'text',
    id: `var:${name}`,
    label: name,
    value: name === 'COMMON_FLAGS' && cflagsPresetIndex(recipe) >= 0 ? `${value}  (preset ${cflagsPresetIndex(recipe) + 1}/${CFLAGS_PRESETS.length})` : value,
    field: `makeConf.${name}`,
    initial: value,
    hint: `${name}="…" in /etc/portage/make.conf (empty removes it)`,
    note: NOTES[name] ?? 'Enter edits, d removes',
    apply: (text) => ok(withMakeConfVar(recipe, name, text.trim() === '' ? null : text)),
  }));
  rows.push({
    kind: 'text',
    id: 'jobs',
    label: 'emerge --jobs',
    value: String(recipe.jobs.emerge),
    field: 'jobs',
    initial: String(recipe.jobs.emerge),
    hint: 'packages built at once (1-256)',
    note: 'packages emerge builds at once; with MAKEOPTS, keep jobs × make jobs within the CPUs',
    apply: (text) => {
      const n = Number(text.trim());
      if (!Number.isInteger(n) || n < 1 || n > 256) return { ok: false, problem: 'a whole number from 1 to 256', offset: 0 };
      return ok({ ...recipe, jobs: { ...recipe.jobs, emerge: n } });
    },
  });
  rows.push({
    kind: 'text',
    id: 'load',
    label: '--load-average',
    value: recipe.jobs.loadAverage === undefined ? '(none)' : String(recipe.jobs.loadAverage),
    field: 'jobs',
    initial: recipe.jobs.loadAverage === undefined ? '' : String(recipe.jobs.loadAverage),
    hint: 'no new jobs above this load (empty: no limit)',
    note: 'emerge starts no new package while the load average is above this',
    apply: (text) => {
      if (text.trim() === '') {
        const { loadAverage: _drop, ...jobs } = recipe.jobs;
        return ok({ ...recipe, jobs });
      }
      const n = Number(text.trim());
      if (!Number.isFinite(n) || n <= 0) return { ok: false, problem: 'a positive number, e.g. 5', offset: 0 };
      return ok({ ...recipe, jobs: { ...recipe.jobs, loadAverage: n } });
    },
  });
  rows.push({
    kind: 'toggle',
    id: 'keepGoing',
    label: '--keep-going',
    value: recipe.jobs.keepGoing ? 'yes' : 'no',
    note: 'go on with the packages that do not depend on a failed one',
    toggle: () => ({ ...recipe, jobs: { ...recipe.jobs, keepGoing: !recipe.jobs.keepGoing } }),
  });
  return rows;
}
