// Which engine a client talks to, remembered per client: operations whose wire format differs
// between Docker and Podman (quoting in changes) ask here instead of taking a parameter everywhere.
import type Dockerode from 'dockerode';
import { engineKindOf, pingHeaders, type EngineKind } from './engine-info.js';

const known = new WeakMap<Dockerode, Promise<EngineKind>>();

/** Record what connectToEndpoint already found out. */
export function rememberEngineKind(docker: Dockerode, kind: EngineKind): void {
  known.set(docker, Promise.resolve(kind));
}

/** Docker or Podman, from the ping headers (asked once per client). */
export function engineKindFor(docker: Dockerode): Promise<EngineKind> {
  let kind = known.get(docker);
  if (!kind) {
    kind = pingHeaders(docker).then((h) => engineKindOf(h, {}));
    known.set(docker, kind);
    kind.catch(() => known.delete(docker));
  }
  return kind;
}
