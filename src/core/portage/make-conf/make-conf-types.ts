// make.conf as a list of nodes that partition the file's text exactly: serialising the nodes
// gives back the input byte for byte, comments and unknown lines included.

/** A piece of an assignment's value: literal text or a `$VAR` / `${VAR}` reference. */
export type ValuePart = { kind: 'text'; text: string } | { kind: 'ref'; name: string };

export type MakeConfNode =
  | { kind: 'blank'; raw: string; line: number }
  | { kind: 'comment'; raw: string; line: number; text: string }
  | {
      kind: 'assignment';
      raw: string;
      line: number;
      name: string;
      exported: boolean;
      /** The value with quotes and escapes resolved, references kept as parts. */
      value: ValuePart[];
      /** The right-hand side exactly as written (quotes included). */
      valueText: string;
      /** A trailing `# comment` on the same line, if any. */
      comment: string | null;
    }
  | { kind: 'source'; raw: string; line: number; path: string }
  | { kind: 'unknown'; raw: string; line: number; message: string };

export interface MakeConfDoc {
  nodes: MakeConfNode[];
}

export type AssignmentNode = Extract<MakeConfNode, { kind: 'assignment' }>;
