// What a failed connection to the engine's socket means, by the errno Node reports: the one reading
// the engine's errors (src/engine/docker/errors.ts) and the host checks (src/core/host/engine-rules.ts)
// both give.

/** The errnos of a socket the user may not open (the Permissions checks say why). */
export function isPermissionErrno(code: string | undefined): boolean {
  return code === 'EACCES' || code === 'EPERM';
}

/** A few words on why no engine answered: `no socket there`, `connection refused`…; else the errno. */
export function noAnswerReason(code: string): string {
  if (code === 'ENOENT') return 'no socket there';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT') return 'no answer in time';
  return code;
}
