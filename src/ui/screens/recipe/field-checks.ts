// Checks for what is typed into the Recipe screen: atoms with the parser's offset (so the bad part
// is marked), and any field checked by applying the value and asking the recipe's own validation.
import { parseAtom } from '../../../core/portage/atom-parser.js';
import type { TextParse } from '../../../core/recipe/recipe-fields.js';
import { splitWords } from '../../../core/recipe/recipe-fields.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import { validateRecipe } from '../../../core/recipe/recipe-validate.js';
import type { InputProblem } from '../../components/text-input/text-input-types.js';

/** Why `text` is not a usable atom here (null when it is); sets only where `allowSets`. */
export function atomProblem(text: string, allowSets: boolean): InputProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return { message: 'type an atom: category/name, e.g. dev-lang/php or >=net-misc/curl-8.11' };
  const lead = text.length - text.trimStart().length;
  const result = parseAtom(trimmed);
  if (!result.ok) return { message: result.error.message, offset: lead + result.error.offset, length: result.error.length };
  if (result.atom.kind === 'set' && !allowSets) return { message: `${trimmed} is a set; only package atoms belong here`, offset: lead, length: trimmed.length };
  if (result.atom.kind === 'package' && result.atom.blocker) return { message: 'blockers belong in ebuilds, not in a recipe', offset: lead, length: result.atom.blocker === 'strong' ? 2 : 1 };
  return null;
}

/** The first problem validation reports at or under `field` (e.g. `image.tags`), as an input problem. */
export function fieldProblem(recipe: Recipe, field: string): InputProblem | null {
  const found = validateRecipe(recipe).find((p) => p.field === field || p.field.startsWith(`${field}[`) || p.field.startsWith(`${field}.`));
  return found ? { message: `${found.problem}${found.hint ? ` (${found.hint})` : ''}` } : null;
}

/** `ATOM [KEYWORD…]` for package.accept_keywords. */
export function parseKeywordsLine(text: string): TextParse<{ atom: string; keywords: string[] }> {
  const words = splitWords(text);
  if (!words.ok) return words;
  const [atom, ...keywords] = words.value;
  if (atom === undefined) return { ok: false, problem: 'type an atom, then keywords: =dev-libs/openssl-3.4.0 ~amd64', offset: 0 };
  const problem = atomProblem(atom, false);
  if (problem) return { ok: false, problem: problem.message, offset: text.indexOf(atom) + (problem.offset ?? 0) };
  return { ok: true, value: { atom, keywords } };
}
