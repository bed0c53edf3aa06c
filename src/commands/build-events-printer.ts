// Print a build's events headlessly: --json one event per line, otherwise the --plain lines, with the
// whole build's ETA after each package that ends (from the forecast made as the build started).
import { plainEtaLine, plainLine } from '../core/build/plain-lines.js';
import { EMPTY_PROGRESS, packageDurations, reduceProgress, type BuildProgress } from '../core/build/progress.js';
import type { PackageTiming } from '../core/build/build-record.js';
import type { BuildEvent } from '../core/events.js';
import { buildEta } from '../core/forecast/build-eta.js';
import type { Forecast } from '../core/forecast/forecast-types.js';
import type { BuildHistory } from '../core/portage/eta/eta.js';

export type EventFormat = 'json' | 'plain';

/** What the ETA rests on; filled in once the forecast is made (it runs beside the build). */
export interface EtaSource {
  forecast: Forecast | null;
  history: BuildHistory;
  /** --jobs of the build. */
  jobs: number;
}

export interface EventPrinter {
  (events: BuildEvent[]): void;
  /** The build as its events told it so far. */
  progress(): BuildProgress;
  /** Package timings as the record keeps them. */
  timings(): PackageTiming[];
}

/**
 * A sink for runner events that writes them to stdout in the chosen format; with `etaSource` (read at
 * each ETA line) --plain adds the ETA after each package that ends.
 */
export function eventPrinter(format: EventFormat, out: NodeJS.WritableStream = process.stdout, etaSource?: () => EtaSource): EventPrinter {
  let progress = EMPTY_PROGRESS;
  const print = (events: BuildEvent[]) => {
    let text = '';
    for (const event of events) {
      progress = reduceProgress(progress, event);
      if (format === 'json') {
        text += `${JSON.stringify(event)}\n`;
        continue;
      }
      const line = plainLine(event);
      if (line !== null) text += `${line}\n`;
      if (etaSource && (event.type === 'completed' || event.type === 'failed')) {
        const t = event.t ?? Date.now();
        const eta = etaSource();
        const now = buildEta(progress, eta.forecast, eta.history, eta.forecast?.totals.jobs ?? eta.jobs, t);
        if (now) text += `${plainEtaLine(now, t)}\n`;
      }
    }
    if (text) out.write(text);
  };
  return Object.assign(print, {
    progress: () => progress,
    timings: () => packageDurations(progress).map((d) => ({ ...d, startedAt: progress.packages.find((p) => p.cpv === d.cpv)?.startedAt ?? 0 })),
  });
}
