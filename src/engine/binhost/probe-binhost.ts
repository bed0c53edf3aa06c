// Does a served binhost answer, and how many packages does its Packages index list? Asked the way a
// build asks: over HTTP, from a throwaway container on the binhost's network (by container name), or,
// without one, in the binhost container's own network namespace. The probe runs the binhost's image
// (python3 is there); its script is constant and the URL is its argument, never a shell string.
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { containerLogs, createContainer, removeContainerSurely, startContainer, waitContainer } from '../docker/index.js';

export interface BinhostProbe {
  answers: boolean;
  /** HTTP status of GET /Packages; null when nothing answered. */
  status: number | null;
  /** `CPV:` entries of the index; null unless it answered 200. */
  packages: number | null;
  /** Why it did not answer 200 (connection refused, 404, …); null when it did. */
  problem: string | null;
}

/** Retries while the server is still starting (a few seconds at most), then says what it saw. */
const PROBE_SCRIPT = `
import sys, time, urllib.request, urllib.error
url = sys.argv[1]
for attempt in range(20):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            body = r.read().decode("utf-8", "replace")
            print("status=%d packages=%d" % (r.status, sum(1 for l in body.splitlines() if l.startswith("CPV: "))))
            break
    except urllib.error.HTTPError as e:
        print("status=%d" % e.code)
        break
    except Exception as e:
        if attempt == 19:
            print("error=%s" % e)
        else:
            time.sleep(0.25)
`;

export interface ProbeTarget {
  /** The binhost's image (has python3). */
  image: string;
  /** The binhost container's ID. */
  containerId: string;
  containerName: string;
  /** The port the server listens on inside its container. */
  insidePort: number;
  network: string | null;
}

/** GET /Packages of a served binhost from a throwaway container. */
export async function probeBinhost(docker: Dockerode, target: ProbeTarget): Promise<BinhostProbe> {
  const url = target.network !== null ? `http://${target.containerName}:${target.insidePort}/Packages` : `http://127.0.0.1:${target.insidePort}/Packages`;
  const id = await createContainer(docker, {
    image: target.image,
    entrypoint: ['python3'],
    cmd: ['-c', PROBE_SCRIPT, url],
    network: target.network ?? `container:${target.containerId}`,
    labels: gentooWbLabels({ version: appVersion(), role: 'probe' }),
  });
  try {
    await startContainer(docker, id);
    const exitCode = await waitContainer(docker, id);
    let output = '';
    for await (const frame of containerLogs(docker, id)) output += frame.data.toString('utf8');
    return readProbeOutput(output, exitCode);
  } finally {
    await removeContainerSurely(docker, id);
  }
}

/** The probe's one line as facts. */
export function readProbeOutput(output: string, exitCode: number): BinhostProbe {
  const status = /^status=(\d+)(?: packages=(\d+))?$/m.exec(output);
  if (status) {
    const code = Number(status[1]);
    if (code === 200 && status[2] !== undefined) return { answers: true, status: code, packages: Number(status[2]), problem: null };
    return { answers: true, status: code, packages: null, problem: `GET /Packages answered HTTP ${code}` };
  }
  const error = /^error=(.*)$/m.exec(output);
  const said = error?.[1] ?? (output.trim().split('\n').slice(-2).join(' ') || `the probe exited with ${exitCode}`);
  return { answers: false, status: null, packages: null, problem: `no answer: ${said}` };
}
