// Does a served binhost answer, and how many packages does its Packages index list? Asked the way a
// build asks: over HTTP, from a throwaway container on the binhost's network (by container name), or,
// without one, in the binhost container's own network namespace. The probe runs the binhost's image
// (python3 is there); its script is constant and the URL is its argument, never a shell string.
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import { appVersion } from '../app-info.js';
import { runToEnd } from '../docker/index.js';

export interface BinhostProbe {
  answers: boolean;
  /** HTTP status of GET /Packages; null when nothing answered. */
  status: number | null;
  /** `CPV:` entries of the index; null unless it answered 200. */
  packages: number | null;
  /** Why it did not answer 200 (connection refused, 404, …); null when it did. */
  problem: string | null;
}

/**
 * GET the URL (argv[1]) up to argv[2] times, a quarter second apart, while nothing answers (a server
 * still starting); an HTTP answer, good or bad, ends it at once. Prints one line the caller reads.
 */
const GET_SCRIPT = `
import sys, time, urllib.request, urllib.error
url, attempts = sys.argv[1], int(sys.argv[2])
for attempt in range(attempts):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            body = r.read().decode("utf-8", "replace")
            print("status=%d packages=%d" % (r.status, sum(1 for l in body.splitlines() if l.startswith("CPV: "))))
            break
    except urllib.error.HTTPError as e:
        print("status=%d" % e.code)
        break
    except Exception as e:
        if attempt == attempts - 1:
            print("error=%s" % getattr(e, "reason", e))
        else:
            time.sleep(0.25)
`;

export interface IndexRequest {
  /** An image with python3 (a stage3, the binhost's own). */
  image: string;
  /** The binhost's base URL; /Packages is added. */
  url: string;
  /** `container:ID`, a network name, or null for the engine's default. */
  network: string | null;
  /** Tries while nothing answers (1: ask once). */
  attempts: number;
}

/** GET the Packages index of a binhost from a throwaway container, the way a build on that network would. */
export async function getPackagesIndex(docker: Dockerode, req: IndexRequest): Promise<BinhostProbe> {
  const run = await runToEnd(docker, {
    image: req.image,
    entrypoint: ['python3'],
    cmd: ['-c', GET_SCRIPT, `${req.url.replace(/\/+$/, '')}/Packages`, String(req.attempts)],
    ...(req.network ? { network: req.network } : {}),
    labels: gentooWbLabels({ version: appVersion(), role: 'probe' }),
  });
  // Never null: no timeout was asked for.
  return readProbeOutput(run.output, run.exitCode ?? -1);
}

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

/** GET /Packages of a served binhost, retrying while its server starts. */
export function probeBinhost(docker: Dockerode, target: ProbeTarget): Promise<BinhostProbe> {
  const url = target.network !== null ? `http://${target.containerName}:${target.insidePort}` : `http://127.0.0.1:${target.insidePort}`;
  return getPackagesIndex(docker, { image: target.image, url, network: target.network ?? `container:${target.containerId}`, attempts: 20 });
}

/** The probe's one line as facts. */
function readProbeOutput(output: string, exitCode: number): BinhostProbe {
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
