// The `a` key: Portage's requested lines into the open recipe, saved through the recipe store when
// the recipe has a file, otherwise kept in memory and marked unsaved. Pretend then runs again
// because the recipe changed. Only the applied lines are written: when the open recipe has other
// unsaved edits, the lines go into the file as last saved and those edits stay unsaved.
import path from 'node:path';
import { applyPretendChanges } from '../../../core/pretend/apply-changes.js';
import type { PackageChange } from '../../../core/portage/pretend/pretend-types.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { ColorToken } from '../../../core/theme.js';
import type { WorkbenchServices } from '../../session/workbench-services.js';
import type { WorkbenchStore } from '../../session/workbench-store.js';

export interface ApplyInput {
  store: WorkbenchStore;
  save: WorkbenchServices['recipes']['save'];
  /** Reads the file as last saved (needed when `dirty`). */
  load: WorkbenchServices['recipes']['load'];
  recipe: Recipe;
  path: string | null;
  /** The open recipe has edits that are not saved yet. */
  dirty: boolean;
  changes: readonly PackageChange[];
}

/** What to tell the user afterwards. */
export interface ApplyMessage {
  text: string;
  tone: ColorToken;
  /** The recipe changed (pretend runs again by itself). */
  changed: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Apply, save when possible, and say what happened. */
export async function applyToRecipe(input: ApplyInput): Promise<ApplyMessage> {
  if (input.changes.length === 0) return { text: 'Portage asked for no changes.', tone: 'info', changed: false };
  const result = applyPretendChanges(input.recipe, input.changes);
  if (!result.changed) return { text: 'The recipe already has every line Portage asked for; r runs pretend again.', tone: 'info', changed: false };
  // Messages lead with what matters: one line at 80 columns cuts the rest.
  const count = plural(result.applied.filter((a) => a.outcome !== 'present').length, 'change');
  input.store.setRecipe(result.recipe);
  if (!input.path) {
    return { text: `Applied ${count}; unsaved: the recipe has no file yet (save it on step 3). Checking again.`, tone: 'warn', changed: true };
  }
  const file = path.basename(input.path);
  if (input.dirty) return applyBesideEdits(input, input.path, count);
  try {
    await input.save(input.path, result.recipe);
    input.store.setRecipe(result.recipe, { saved: true });
    return { text: `Wrote ${count} into ${file}; checking again.`, tone: 'pass', changed: true };
  } catch (err) {
    return { text: `Not saved: ${(err as Error).message} (${count} applied, recipe marked unsaved)`, tone: 'fail', changed: true };
  }
}

/** The open recipe has other unsaved edits: write Portage's lines into the saved file only. */
async function applyBesideEdits(input: ApplyInput, file: string, count: string): Promise<ApplyMessage> {
  const name = path.basename(file);
  const kept = 'your other edits stay unsaved';
  try {
    const loaded = await input.load(file);
    if (!loaded.ok) {
      return { text: `Applied ${count}, not saved: ${name} could not be read (${loaded.problems[0]?.problem ?? 'invalid'}); ${kept}. Checking again.`, tone: 'warn', changed: true };
    }
    const onDisk = applyPretendChanges(loaded.recipe, input.changes);
    if (onDisk.changed) await input.save(file, onDisk.recipe);
    return { text: `Wrote ${count} into ${name}; ${kept}. Checking again.`, tone: 'pass', changed: true };
  } catch (err) {
    return { text: `Not saved: ${(err as Error).message} (${count} applied, recipe marked unsaved)`, tone: 'fail', changed: true };
  }
}
