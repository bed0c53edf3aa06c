// What a text field says about its value: a problem with an optional range to underline.

export interface InputProblem {
  message: string;
  /** Where in the value the problem starts (the character is marked), when known. */
  offset?: number;
  /** How many characters it covers (default 1). */
  length?: number;
}

export type InputValidator = (value: string) => InputProblem | null;
