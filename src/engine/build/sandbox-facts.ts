// What Portage's sandboxes will meet in a build container, from the host-check container probe run on
// the build's own base image. Unknown means "assume refused": turning the sandboxes off always works.
import type Dockerode from 'dockerode';
import type { SandboxFacts } from '../../core/plan/shared-pieces.js';
import { runContainerProbe } from '../host/container-probe.js';

/** Probe `image` for unshare(); a failed probe counts as refused. */
export async function probeSandbox(docker: Dockerode, image: string): Promise<SandboxFacts> {
  const facts = await runContainerProbe(docker, { image, timeoutMs: 15_000 }).catch(() => null);
  if (!facts || facts.state !== 'done') return { unshare: false };
  const needed = [facts.unshare.ipc, facts.unshare.net, facts.unshare.pid];
  return { unshare: needed.every((r) => r === 'ok') };
}
