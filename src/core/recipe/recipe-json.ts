// Recipe files: JSON text in, a checked Recipe out (or every problem with its field); and back to
// stable, diff-friendly text.
import type { z } from 'zod';
import type { RecipeProblem } from './recipe-problems.js';
import { recipeSchema, RECIPE_VERSION, type Recipe } from './recipe-schema.js';
import { describeJsonError } from './json-error.js';
import { validateRecipe } from './recipe-validate.js';

export type RecipeParse = { ok: true; recipe: Recipe } | { ok: false; problems: RecipeProblem[] };

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(document)';
}

function schemaProblems(error: z.ZodError): RecipeProblem[] {
  return error.issues.map((issue) => ({ field: fieldPath(issue.path), problem: issue.message }));
}

/** Shape check only: defaults filled in, types right. */
export function recipeFromData(data: unknown): RecipeParse {
  if (typeof data === 'object' && data !== null && 'version' in data && (data as { version: unknown }).version !== RECIPE_VERSION) {
    return { ok: false, problems: [{ field: 'version', problem: `version ${String((data as { version: unknown }).version)} is not supported`, hint: `this gentoo-wb reads version ${RECIPE_VERSION}` }] };
  }
  const parsed = recipeSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error) };
  return { ok: true, recipe: parsed.data };
}

/** Parse and fully validate recipe text (a UTF-8 byte order mark at the start is accepted). */
export function parseRecipe(text: string): RecipeParse {
  // Editors on Windows write one; it is not JSON, but it is not part of the recipe either.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, problems: [{ field: '(file)', problem: `not valid JSON at ${describeJsonError(json)}`, hint: 'fix the syntax, or create a new one with gentoo-wb recipe new' }] };
  }
  const shaped = recipeFromData(data);
  if (!shaped.ok) return shaped;
  const problems = validateRecipe(shaped.recipe);
  return problems.length > 0 ? { ok: false, problems } : shaped;
}

/** Stable JSON text (schema key order, two-space indent, newline at the end). */
export function serializeRecipe(recipe: Recipe): string {
  // Round-tripping through the schema puts keys in schema order and drops unknown ones.
  return `${JSON.stringify(recipeSchema.parse(recipe), null, 2)}\n`;
}
