// The build container's main process. A constant POSIX sh script (never assembled from user input)
// runs the plan's steps in order; each step's argv and env come from files, one value per line, read
// with `read -r` and passed as "$@" — so atoms, flags and paths are data, not shell code.
import type { ContainerStep, PlanFile } from './plan-types.js';

export const RUNNER_DIR = '/var/lib/gentoo-wb';
export const RUNNER_SCRIPT = `${RUNNER_DIR}/run-steps`;
/**
 * NAME=value lines every step gets (the user's GENTOO_WB_BUILD_ENV, e.g. a proxy with a password):
 * a file, not the container's environment, because a commit copies the container's Env into the
 * image, while this folder is removed before the container becomes an image.
 */
export const RUNNER_ENV_FILE = `${RUNNER_DIR}/env`;
/** Lines the runner prints around each step; the host splits the log on them. */
const STEP_MARKER = '@@gentoo-wb';

const SCRIPT = `#!/bin/sh
# gentoo-wb step runner: runs the steps/*/ folders beside this script in order. In each step folder, "argv" holds
# the command, one argument per line; "env" holds NAME=value lines; "ok" holds extra exit codes
# that count as success; a "fallback" file lets a failed step run again through binary-fallback
# (binary-fallback.ts). An "env" file beside this script holds NAME=value lines for every step.
# Nothing here is built from user input.
base=\${0%/*}
cd /
for step in "$base"/steps/*/; do
  id=\${step%/}
  id=\${id##*/}
  set --
  if [ -f "$base/env" ]; then
    while IFS= read -r line || [ -n "$line" ]; do set -- "$@" "$line"; done < "$base/env"
  fi
  while IFS= read -r line || [ -n "$line" ]; do set -- "$@" "$line"; done < "$step/env"
  while IFS= read -r line || [ -n "$line" ]; do set -- "$@" "$line"; done < "$step/argv"
  echo "${STEP_MARKER} step-start $id"
  if [ -f "$step/fallback" ]; then
    : > "$step/started"
    # A copy of the output for binary-fallback: Portage says some refusals only on its terminal. The
    # step's status travels through a file, as a pipeline's status is the last command's (tee's).
    { env "$@" 2>&1; echo "$?" > "$step/status"; } | tee "$step/output"
    status=$(cat "$step/status")
  else
    env "$@" 2>&1
    status=$?
  fi
  # A step marked so may run once more without the binary packages that failed their checksum.
  if [ "$status" -ne 0 ] && [ -f "$step/fallback" ]; then
    sh "$base/binary-fallback" "$status" "$step/started" "$@" 2>&1
    status=$?
  fi
  echo "${STEP_MARKER} step-end $id $status"
  ok=0
  [ "$status" -eq 0 ] && ok=1
  if [ "$ok" -eq 0 ] && [ -f "$step/ok" ]; then
    while IFS= read -r code || [ -n "$code" ]; do [ "$code" = "$status" ] && ok=1; done < "$step/ok"
  fi
  [ "$ok" -eq 1 ] || exit "$status"
done
# Only a successful run leaves no trace in the image it becomes.
rm -rf "$base"
echo "${STEP_MARKER} done"
`;

/** Why a value cannot be passed through a one-value-per-line file, or null. */
export function lineValueProblem(value: string): string | null {
  return /[\n\r\0]/.test(value) ? 'contains a line break or NUL' : null;
}

/** The script file plus one folder per step; throws if a value cannot be represented (no newlines). */
export function stepRunnerFiles(steps: ContainerStep[]): PlanFile[] {
  const files: PlanFile[] = [{ path: RUNNER_SCRIPT, content: SCRIPT, mode: 0o755 }];
  steps.forEach((step, i) => {
    const dir = `${RUNNER_DIR}/steps/${String(i + 1).padStart(2, '0')}-${step.id}`;
    const env = Object.entries(step.env).map(([k, v]) => `${k}=${v}`);
    for (const value of [...step.argv, ...env]) {
      const problem = lineValueProblem(value);
      if (problem) throw new Error(`step ${step.id}: ${JSON.stringify(value)} ${problem}`);
    }
    const lines = (values: string[]) => values.map((v) => `${v}\n`).join('');
    files.push({ path: `${dir}/argv`, content: lines(step.argv), mode: 0o644 });
    files.push({ path: `${dir}/env`, content: lines(env), mode: 0o644 });
    if (step.binaryFallback) files.push({ path: `${dir}/fallback`, content: '', mode: 0o644 });
    if (step.okExitCodes.length > 0) files.push({ path: `${dir}/ok`, content: lines(step.okExitCodes.map(String)), mode: 0o644 });
  });
  return files;
}

export type StepMarker = { kind: 'start'; id: string } | { kind: 'end'; id: string; status: number } | { kind: 'done' };

/** Recognise a runner marker line (step folder names are `NN-id`; the NN is dropped). */
export function parseStepMarker(line: string): StepMarker | null {
  if (!line.startsWith(STEP_MARKER)) return null;
  const parts = line.slice(STEP_MARKER.length).trim().split(' ');
  const folder = parts[1] ?? '';
  const id = folder.replace(/^\d+-/, '');
  if (parts[0] === 'step-start' && folder) return { kind: 'start', id };
  if (parts[0] === 'step-end' && folder && parts[2] !== undefined) return { kind: 'end', id, status: Number(parts[2]) };
  if (parts[0] === 'done') return { kind: 'done' };
  return null;
}
