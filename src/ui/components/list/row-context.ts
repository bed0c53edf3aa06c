// What a list tells the renderer of one row: whether it is the selection, whether the list has the
// keyboard, and the columns the row may use.
export interface RowContext {
  selected: boolean;
  focused: boolean;
  /** Columns for the row's content (after the marker). */
  width: number;
}
