// Exit codes shared by every headless command: 0 ok, 1 the thing failed, 2 usage, 130 interrupted.
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** A mistake in how the command was called; printed with the command's usage hint, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
