// Human text for `engines add|list|check`: a table of all engines (unreachable ones shown with their
// reason under it), and one engine's facts as aligned lines. Engine answers are outside text: sanitised.
import { sanitizeText } from '../core/format/sanitize.js';
import { humanSize } from '../core/format/size.js';
import { probeFindings } from '../core/host/probe-rules.js';
import { findingLine } from '../core/host/report-text.js';
import type { EngineCheck } from '../engine/engines/engine-check.js';
import type { EngineEntry } from '../engine/engines/engine-spec.js';
import { formatTable } from './output.js';

const DASH = '-';

function kindText(c: EngineCheck): string {
  if (c.facts === null) return 'unreachable';
  return `${c.facts.kind === 'podman' ? 'Podman' : 'Docker'} ${c.facts.version}`;
}

function size(bytes: number | null): string {
  return bytes === null ? '?' : humanSize(bytes);
}

/** The `engines list` table, then one line per unreachable engine with its reason and hint. */
export function renderList(checks: readonly EngineCheck[]): string {
  if (checks.length === 0) return 'no engines configured; add one with `gentoo-wb engines add NAME URL` (see `gentoo-wb engines add --help`)\n';
  const rows = checks.map((c) => {
    const f = c.facts;
    return f === null
      ? [c.name, c.url, kindText(c), DASH, DASH, DASH, DASH, DASH, DASH]
      : [c.name, c.url, kindText(c), f.apiVersion, f.arch, f.cpus === null ? '?' : String(f.cpus), size(f.memoryBytes), size(f.freeDiskBytes), f.rootless ? 'yes' : 'no'];
  });
  const out = [formatTable(['NAME', 'URL', 'ENGINE', 'API', 'ARCH', 'CPUS', 'MEMORY', 'FREE DISK', 'ROOTLESS'], rows)];
  for (const c of checks.filter((x) => !x.reachable)) {
    out.push(`${sanitizeText(c.name)}: ${sanitizeText(c.error ?? 'no answer')}\n  hint: ${sanitizeText(c.hint ?? '')}\n`);
  }
  return out.join('');
}

/** `engines check NAME` as aligned lines. */
export function renderCheck(c: EngineCheck): string {
  const lines: [string, string][] = [['engine', `${c.name} (${c.url})`]];
  if (c.host !== null && c.host !== c.url) lines.push(['endpoint', c.host]);
  const f = c.facts;
  if (f === null) {
    lines.push(['reachable', `no: ${c.error ?? 'no answer'}`], ['hint', c.hint ?? '']);
  } else {
    lines.push(
      ['reachable', `yes (${c.elapsedMs} ms)`],
      ['kind', `${kindText(c)}, API ${f.apiVersion}${f.daemonApiVersion === f.apiVersion ? '' : ` (daemon ${f.daemonApiVersion})`}, storage ${f.storageDriver}`],
      ['system', [`${f.os}/${f.arch}`, f.operatingSystem, `kernel ${f.kernelVersion}`, f.hostname === null ? null : `host ${f.hostname}`].filter((x) => x !== null).join(', ')],
      ['cpus', f.cpus === null ? '?' : String(f.cpus)],
      ['memory', size(f.memoryBytes)],
      ['free disk', f.freeDiskBytes === null ? `? (${f.freeDiskNote ?? 'unknown'})` : `${humanSize(f.freeDiskBytes)} in ${f.rootDir ?? '?'}`],
      ['rootless', f.rootless ? 'yes' : 'no'],
      ['cgroups', f.cgroupVersion === null ? '? (the engine does not say)' : `v${f.cgroupVersion}${f.cgroupDriver === null ? '' : `, driver ${f.cgroupDriver}`}`],
    );
    // The host checks' container group, as a container on this engine met it.
    if (c.probe !== undefined) probeFindings(c.probe).forEach((p, i) => lines.push([i === 0 ? 'container' : '', findingLine(p)]));
  }
  for (const w of c.warnings) lines.push(['warning', w]);
  return lines.map(([k, v]) => `${k.padEnd(10)} ${sanitizeText(v)}`).join('\n') + '\n';
}

/** What `engines add` prints: what was saved, and whether it answers now (saved either way). */
export function renderAdded(entry: EngineEntry, check: EngineCheck): string {
  const saved = `added engine ${sanitizeText(entry.name)} (${sanitizeText(entry.url)}${entry.tlsDir === undefined ? '' : `, TLS files in ${sanitizeText(entry.tlsDir)}`})\n`;
  if (check.facts !== null) {
    const f = check.facts;
    return `${saved}it answers: ${sanitizeText(kindText(check))}, API ${f.apiVersion}, ${sanitizeText(f.arch)}, ${f.cpus ?? '?'} CPUs, ${size(f.memoryBytes)} memory\n`;
  }
  return `${saved}it does not answer now (saved anyway; \`gentoo-wb engines check ${sanitizeText(entry.name)}\` asks again): ${sanitizeText(check.error ?? 'no answer')}\n  hint: ${sanitizeText(check.hint ?? '')}\n`;
}
