// docker-modem builds its ssh:// request URL as "ssh:HOST:PORT…", which Node's url.parse reports as
// deprecated (DEP0170) once per process. The request works; to a user of `engines` the warning is
// noise that reads like a failure, so that one warning (and only for such URLs) is dropped.
let installed = false;

/** Drop Node's DEP0170 warning for docker-modem's ssh: URLs; every other warning passes. */
export function quietSshUrlWarning(): void {
  if (installed) return;
  installed = true;
  const original = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  const filtered = (warning: unknown, ...rest: unknown[]): void => {
    const first = rest[0];
    const code = typeof first === 'object' && first !== null ? (first as { code?: unknown }).code : rest[1];
    if (code === 'DEP0170' && /\bssh:/.test(String(warning))) return;
    original(warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
}
