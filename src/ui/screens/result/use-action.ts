// One action at a time (tag, export, a diff's read): its label, live progress with bytes/s, and a
// cancel that aborts it. The result or failure goes to the shell's message line.
import { useCallback, useRef, useState } from 'react';
import { transferText } from './format.js';
import type { Progress } from './result-services.js';

export interface RunningAction {
  label: string;
  progress: string;
}

export interface ActionContext {
  signal: AbortSignal;
  step: (label: string) => void;
  progress: (p: Progress) => void;
}

/** Run actions with progress; `cancel` aborts the running one. */
export function useAction(report: (text: string, tone: 'pass' | 'fail' | 'warn') => void) {
  const [running, setRunning] = useState<RunningAction | null>(null);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    (label: string, body: (ctx: ActionContext) => Promise<string>) => {
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      let stepStarted = performance.now();
      let current = label;
      setRunning({ label, progress: '' });
      const ctx: ActionContext = {
        signal: abort.signal,
        step: (next) => {
          current = next;
          stepStarted = performance.now();
          setRunning({ label: next, progress: '' });
        },
        progress: (p) => setRunning({ label: current, progress: transferText(p.bytes, p.totalBytes, (performance.now() - stepStarted) / 1000) }),
      };
      body(ctx).then(
        (message) => report(message, 'pass'),
        (err: unknown) => {
          const e = err as Error & { hint?: string };
          if (abort.signal.aborted) report(`${label}: cancelled; nothing was left behind`, 'warn');
          else report(`${label} failed: ${e.message}${e.hint ? ` (${e.hint})` : ''}`, 'fail');
        },
      ).finally(() => {
        controller.current = null;
        setRunning(null);
      });
    },
    [report],
  );
  const cancel = useCallback(() => controller.current?.abort(), []);
  return { running, start, cancel };
}
