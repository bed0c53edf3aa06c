// Print a build's events headlessly: --json one event per line, otherwise the --plain lines.
import { plainLine } from '../core/build/plain-lines.js';
import type { BuildEvent } from '../core/events.js';

export type EventFormat = 'json' | 'plain';

/** A sink for runner events that writes them to stdout in the chosen format. */
export function eventPrinter(format: EventFormat, out: NodeJS.WritableStream = process.stdout): (events: BuildEvent[]) => void {
  return (events) => {
    let text = '';
    for (const event of events) {
      if (format === 'json') {
        text += `${JSON.stringify(event)}\n`;
      } else {
        const line = plainLine(event);
        if (line !== null) text += `${line}\n`;
      }
    }
    if (text) out.write(text);
  };
}
