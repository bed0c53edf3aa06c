// Podman checks: which Podman sockets exist on this host, whether they answer, and their API version.
import type { EngineFacts, PodmanFacts } from './facts.js';
import { finding, type Finding } from './finding.js';
import { startEngineFix } from './service-fix.js';

/** Every Podman finding; `installed` says whether the podman program is on PATH. */
export function podmanFindings(p: PodmanFacts, engine: EngineFacts, installed: boolean): Finding[] {
  const inUse = engine.reachable && engine.kind === 'podman';
  if (p.sockets.length === 0) {
    return [finding({
      id: 'pod.socket', group: 'podman', status: 'info', value: null,
      title: installed ? 'Podman is installed but its API socket is not running' : 'No Podman socket (Podman is optional)',
      detail: `Looked at ${p.looked.join(', ')}. gentoo-wb can use Podman instead of Docker through its Docker-compatible API socket.`,
      fix: installed
        ? startEngineFix('/run/user/UID/podman/podman.sock')
        : ['emerge --ask app-containers/podman   # optional: Docker works too'],
    })];
  }
  return p.sockets.map((s, i) => {
    const id = i === 0 ? 'pod.socket' : `pod.socket.${i + 1}`;
    const where = `${s.scope} Podman socket ${s.path}`;
    if (s.apiVersion !== null) {
      return finding({
        id, group: 'podman', status: 'pass', value: s.apiVersion,
        title: `${cap(where)} answers, Libpod API ${s.apiVersion}`,
        detail: inUse ? 'This is the engine in use.' : `Use it with: gentoo-wb -H unix://${s.path}`,
      });
    }
    const denied = s.access === 'EACCES' || s.access === 'EPERM';
    return finding({
      id, group: 'podman', status: 'warn', value: null,
      title: denied ? `${cap(where)}: permission denied` : `${cap(where)} does not answer`,
      detail: denied
        ? 'The socket belongs to another user (rootful Podman\'s socket is root\'s).'
        : `${s.error ?? 'No answer'}: the socket is left over from a Podman service that stopped.`,
      fix: denied ? ['# use your own rootless Podman socket instead:', 'systemctl --user enable --now podman.socket'] : startEngineFix(s.path),
    });
  });
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
