// The short form of an engine object id that people see (docker ps, docker images): 12 hex digits,
// without the `sha256:` an image id starts with.
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
