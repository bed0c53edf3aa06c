// The editing model of a one-line text field: value and cursor, changed by key names (the same
// names the key router uses). Pure, so it is tested without a terminal.

export interface TextInputState {
  value: string;
  /** 0..value.length: the cursor sits before this character. */
  cursor: number;
}

/** A field holding `value` with the cursor at its end. */
export function textInputState(value: string): TextInputState {
  return { value, cursor: value.length };
}

function wordStart(value: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && value[i - 1] === ' ') i--;
  while (i > 0 && value[i - 1] !== ' ') i--;
  return i;
}

/** Apply one key; null when the key is not an editing key (the caller passes it on). */
export function editText(state: TextInputState, key: string, input: string): TextInputState | null {
  const { value, cursor } = state;
  switch (key) {
    case 'left':
    case 'ctrl+b':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'right':
    case 'ctrl+f':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
    case 'ctrl+a':
      return { value, cursor: 0 };
    case 'end':
    case 'ctrl+e':
      return { value, cursor: value.length };
    case 'backspace':
    case 'ctrl+h':
      return cursor === 0 ? state : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'ctrl+d':
      return cursor >= value.length ? state : { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor };
    case 'ctrl+u':
      return { value: value.slice(cursor), cursor: 0 };
    case 'ctrl+k':
      return { value: value.slice(0, cursor), cursor };
    case 'ctrl+w': {
      const start = wordStart(value, cursor);
      return { value: value.slice(0, start) + value.slice(cursor), cursor: start };
    }
    case 'space':
      return { value: `${value.slice(0, cursor)} ${value.slice(cursor)}`, cursor: cursor + 1 };
    case 'paste': {
      const text = input.replace(/[\r\n\t]+/g, ' ');
      return { value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
    }
    default:
      // Printable characters arrive with their own name ("a", "/", "G").
      if (key.length === 1 && input === key) return { value: value.slice(0, cursor) + key + value.slice(cursor), cursor: cursor + 1 };
      return null;
  }
}

/** The part of the value to show in `width` columns so the cursor stays visible, and where it starts. */
export function visibleSlice(state: TextInputState, width: number): { start: number; text: string } {
  const room = Math.max(1, width - 1); // one cell for the cursor past the end
  if (state.value.length <= room) return { start: 0, text: state.value };
  const start = Math.max(0, Math.min(state.cursor - Math.floor(room * 0.75), state.value.length - room));
  const clampedStart = Math.min(start, state.cursor);
  return { start: clampedStart, text: state.value.slice(clampedStart, clampedStart + room) };
}
