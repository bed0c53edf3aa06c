// `gentoo-wb build --plain`: one timestamped line per event a person cares about. Raw log lines are
// left out (they are in the saved log) except where they explain a failure.
import type { BuildEvent } from '../events.js';
import type { BuildEta } from '../forecast/build-eta.js';
import { binaryFallbackLine } from '../forecast/binary-fallback-text.js';
import { roughDuration } from '../forecast/forecast-text.js';
import { shortId } from '../format/short-id.js';
import { distccLine } from '../distcc/distcc-status.js';

function clock(t: number | undefined): string {
  const d = new Date(t ?? Date.now());
  return d.toISOString().slice(11, 19);
}

function of(index: number, total: number): string {
  return total > 0 ? `(${index} of ${total}) ` : '';
}

/** The --plain line for an event, or null when the event is not shown. */
export function plainLine(event: BuildEvent): string | null {
  const at = clock(event.t);
  switch (event.type) {
    case 'step-started':
      return `${at} step     ${event.title}`;
    case 'step-finished':
      return `${at} step     ${event.step} ${event.ok ? 'ok' : 'FAILED'} (${event.seconds.toFixed(1)} s)`;
    case 'started':
      return `${at} start    ${of(event.index, event.total)}${event.cpv}${event.binary ? ' (binary)' : ''}${event.root ? ` for ${event.root}` : ''}`;
    case 'installing':
      return `${at} install  ${of(event.index, event.total)}${event.cpv}`;
    case 'completed':
      return `${at} done     ${of(event.index, event.total)}${event.cpv}`;
    case 'failed':
      return `${at} FAILED   ${event.cpv}${event.phase ? ` (${event.phase} phase)` : ''}${event.logPath ? `  log: ${event.logPath}` : ''}`;
    case 'dropped':
      return `${at} dropped  ${event.cpv} (needs ${event.requires.join(', ')})`;
    case 'jobs': {
      const load = event.load ? `  load ${event.load.map((n) => n.toFixed(2)).join(' ')}` : '';
      return `${at} jobs     ${event.complete} of ${event.total} complete, ${event.running} running${event.failed ? `, ${event.failed} failed` : ''}${event.mergeWait ? `, ${event.mergeWait} merge wait` : ''}${load}`;
    }
    case 'resuming':
      return `${at} resuming (Portage recomputed the list after a failure)`;
    case 'failure-summary':
      return `${at} summary  failed: ${event.packages.map((p) => p.cpv).join(', ')}`;
    case 'elog':
      return `${at} elog     ${event.cpv}: ${event.lines.length} message line(s)`;
    case 'image':
      return `${at} image    ${shortId(event.id)}${event.tags.length ? ` tagged ${event.tags.join(', ')}` : ' (untagged)'}`;
    case 'error':
      return `${at} ERROR    ${event.message}`;
    case 'lost':
      return `${at} LOST     ${event.message}`;
    case 'failure-log':
      return [`${at} log      ${event.cpv}: last ${event.tail.length} lines of ${event.path}`, ...event.tail.map((l) => `         | ${l}`)].join('\n');
    case 'binary-fallback':
      return `${at} binary   ${binaryFallbackLine(event.cp, event.hosts, event.reason)}`;
    case 'distcc':
      return `${at} distcc   ${distccLine(event.helpers, event.makeopts)}`;
    case 'result':
      return `${at} result   ${event.ok ? 'success' : `failed${event.failed.length ? `: ${event.failed.join(', ')}` : ''}`}`;
    default:
      return null;
  }
}

/** `HH:MM:SS eta      3 of 8 done, about 2 min left, done about 10:42:10` (the finish clock as the lines' own, UTC). */
export function plainEtaLine(eta: BuildEta, t: number): string {
  const left = eta.remainingSeconds < 1 ? 'finishing' : `${roughDuration(eta.remainingSeconds)} left, done about ${clock(t + eta.remainingSeconds * 1000)}`;
  return `${clock(t)} eta      ${eta.done} of ${eta.total} done, ${left}${eta.fromForecast ? '' : ' (estimated without a forecast)'}`;
}
