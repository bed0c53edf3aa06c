// A line of a log as Ink draws it: runs of text that share one style (colours already mapped to
// what Ink's <Text> accepts, or absent).
export interface CellStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strikethrough?: boolean;
}

export interface StyledRun extends CellStyle {
  text: string;
}
