// A problem in a recipe, pinned to the field a person has to change.
import { sanitizeText } from '../format/sanitize.js';

export interface RecipeProblem {
  /** Path in the document, e.g. `packages[2]`, `makeConf.MAKEOPTS`, `image.expose[0]`. */
  field: string;
  problem: string;
  hint?: string;
}

/** One line per problem, for the CLI and the message line (what it quotes from the recipe made safe to print). */
export function formatProblem(p: RecipeProblem): string {
  return sanitizeText(`${p.field}: ${p.problem}${p.hint ? ` (${p.hint})` : ''}`);
}
