// `gentoo-wb endpoint`: which engine gentoo-wb would talk to, which rule chose it, whether it
// answers, and what other engine sockets exist on this machine (offered, never switched to).
import type { Command } from 'commander';
import { formatTable, printJson, runCommand, type EngineFlags } from './output.js';
import { EXIT_FAILED, EXIT_OK, UsageError } from './usage-error.js';

interface EndpointOptions extends EngineFlags {
  json?: boolean;
}

/** The `endpoint --json` document scripts rely on (extra fields may be added, never removed). */
export interface EndpointReport {
  host: string | null;
  source: string | null;
  context: string | null;
  engine: 'docker' | 'podman' | null;
  apiVersion: string | null;
  reachable: boolean;
  engineVersion: string | null;
  rootless: boolean | null;
  storageDriver: string | null;
  warnings: string[];
  error: string | null;
  hint: string | null;
  sockets: { host: string; kind: string; note: string; accessible: boolean; symlinkTarget: string | null; current: boolean }[];
}

/** Register `endpoint` on the program. */
export function register(program: Command): void {
  program
    .command('endpoint')
    .description('show the Docker/Podman endpoint in use, the rule that chose it, and other engine sockets found here')
    .option('--json', 'print {host, source, context, engine, apiVersion, reachable, …} for scripts')
    .action(async (_opts: EndpointOptions, command: Command) => {
      const opts = command.optsWithGlobals<EndpointOptions>();
      await runCommand(async () => {
        const report = await buildReport(opts);
        if (opts.json) printJson(report);
        else process.stdout.write(renderReport(report));
        process.exitCode = report.reachable ? EXIT_OK : EXIT_FAILED;
      });
    });
}

async function buildReport(opts: EndpointOptions): Promise<EndpointReport> {
  const [{ resolveProcessEndpoint }, { connectToEndpoint }, { discoverSockets }, os] = await Promise.all([
    import('../engine/docker/client.js'),
    import('../engine/docker/connect.js'),
    import('../engine/docker/socket-discovery.js'),
    import('node:os'),
  ]);
  const resolution = resolveProcessEndpoint(opts);
  if (!resolution.ok && resolution.error.code === 'flag-conflict') throw new UsageError(`${resolution.error.message}; ${resolution.error.hint}`);
  const current = resolution.ok && resolution.endpoint.address.kind === 'unix' ? resolution.endpoint.address.socketPath : null;
  const sockets = discoverSockets({ env: process.env, uid: process.getuid?.() ?? 0, homeDir: process.env.HOME ?? os.homedir() })
    .filter((s) => s.exists && s.isSocket)
    .map((s) => ({ host: s.host, kind: s.kind, note: s.note, accessible: s.access === 'ok', symlinkTarget: s.symlinkTarget, current: s.path === current }));
  const report: EndpointReport = {
    host: null, source: null, context: null, engine: null, apiVersion: null, reachable: false,
    engineVersion: null, rootless: null, storageDriver: null, warnings: [], error: null, hint: null, sockets,
  };
  if (!resolution.ok) {
    return { ...report, source: resolution.error.source, context: resolution.error.context, error: resolution.error.message, hint: resolution.error.hint };
  }
  const endpoint = resolution.endpoint;
  Object.assign(report, { host: endpoint.host, source: endpoint.source, context: endpoint.context, warnings: endpoint.warnings.map((w) => w.message) });
  try {
    const { info } = await connectToEndpoint(endpoint, 5000);
    return { ...report, engine: info.kind, apiVersion: info.apiVersion, reachable: true, engineVersion: info.version, rootless: info.rootless, storageDriver: info.storageDriver };
  } catch (err) {
    const e = err as Error & { hint?: string };
    return { ...report, error: e.message, hint: e.hint ?? null };
  }
}

function describeSource(r: EndpointReport): string {
  switch (r.source) {
    case 'flag': return r.context === null ? 'the -H/--host flag' : `the --context flag (context "${r.context}")`;
    case 'DOCKER_HOST': return 'the DOCKER_HOST variable';
    case 'DOCKER_CONTEXT': return `the DOCKER_CONTEXT variable (context "${r.context ?? ''}")`;
    case 'config': return `currentContext in the docker config (context "${r.context ?? ''}")`;
    case 'default': return 'the default (no flag, variable or context set)';
    default: return 'unknown';
  }
}

function renderReport(r: EndpointReport): string {
  const lines: string[] = [];
  lines.push(`endpoint   ${r.host ?? '(none)'}`);
  lines.push(`chosen by  ${describeSource(r)}`);
  if (r.reachable) {
    lines.push(`engine     ${r.engine === 'podman' ? 'Podman' : 'Docker'} ${r.engineVersion ?? ''}, API ${r.apiVersion ?? '?'}, ${r.rootless ? 'rootless' : 'rootful'}, storage ${r.storageDriver ?? '?'}`);
  } else {
    lines.push(`engine     not reachable: ${r.error ?? 'unknown error'}`);
    if (r.hint) lines.push(`           ${r.hint}`);
  }
  for (const w of r.warnings) lines.push(`warning    ${w}`);
  const others = r.sockets.filter((s) => !s.current);
  if (others.length > 0) {
    lines.push('', 'other engine sockets on this machine (pass one with -H to use it):');
    lines.push(formatTable(['HOST', 'WHAT', 'ACCESS'], others.map((s) => [s.host, s.note + (s.symlinkTarget ? ` → ${s.symlinkTarget}` : ''), s.accessible ? 'ok' : 'no permission'])).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
