// Rows of the form tabs (make.conf, Mode, Image): a label, the value as text, and what Enter or
// Space does — edit as text (parsed, then checked by the recipe's validation), or toggle.
import type { TextParse } from '../../../core/recipe/recipe-fields.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';

interface RowBase {
  id: string;
  label: string;
  /** The value as shown. */
  value: string;
  /** A line under the form when the row is selected (what it means, a warning). */
  note?: string;
  warn?: boolean;
}

export type FormRow =
  | (RowBase & {
      kind: 'text';
      /** Validation field the row writes (problems under it are shown while typing). */
      field: string;
      /** Text the editor starts with. */
      initial: string;
      hint: string;
      /** The recipe with the typed value, or why it cannot be read. */
      apply: (text: string) => TextParse<Recipe>;
      /** Problems in the typed text itself, with an offset (atoms), checked before `apply`. */
      check?: (text: string) => { message: string; offset?: number; length?: number } | null;
    })
  | (RowBase & { kind: 'toggle'; toggle: () => Recipe })
  | (RowBase & { kind: 'info' });

/** A successful parse. */
export function ok<T>(value: T): TextParse<T> {
  return { ok: true, value };
}
