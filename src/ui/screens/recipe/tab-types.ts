// What every tab of the Recipe screen gets from the screen: the recipe, its box, whether it has
// the keyboard, and how to change the recipe or ask for a line of text.
import type { ColorToken } from '../../../core/theme.js';
import type { Recipe } from '../../../core/recipe/recipe-schema.js';
import type { TreeIndex } from '../../../engine/repo/repo-index-reader.js';
import type { InputValidator } from '../../components/text-input/text-input-types.js';
import type { Loaded } from './use-flag-data.js';

/** A question in the screen's one text field. */
export interface PromptSpec {
  label: string;
  initial: string;
  hint: string;
  validate: InputValidator;
  submit: (value: string) => void;
}

export interface TabProps {
  recipe: Recipe;
  width: number;
  /** Rows for the tab's body. */
  height: number;
  /** False while a prompt or dialog has the keyboard. */
  active: boolean;
  /** Replace the recipe (marked modified). */
  edit: (next: Recipe) => void;
  ask: (prompt: PromptSpec) => void;
  notify: (text: string, tone?: ColorToken) => void;
  /** The tree's package index, loaded in the background. */
  repo: Loaded<TreeIndex>;
}
