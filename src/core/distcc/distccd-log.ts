// distccd's own log (`--log-stderr --log-level info`): one job summary line per compile it took, e.g.
// `distccd[12] (dcc_job_summary) client: 10.213.0.1:51234 COMPILE_OK exit:0 sig:0 core:0 ret:0 time:35ms x86_64-linux-gnu-gcc oldtool.c`.
// Counted for the live pane: the jobs a helper really did.

export interface DistccdJobs {
  /** Compiles that succeeded there. */
  ok: number;
  /** Jobs that ended otherwise (COMPILE_ERROR, CLI_DISCONNECT, timeouts …). */
  other: number;
  /** Source files of the successful compiles, in order. */
  files: string[];
}

const SUMMARY = /\(dcc_job_summary\) client: \S+ (\S+) .*?time:\d+ms (\S+) (\S+)\s*$/;

/** The job summaries in a distccd log. */
export function distccdJobs(log: string): DistccdJobs {
  const jobs: DistccdJobs = { ok: 0, other: 0, files: [] };
  for (const line of log.split('\n')) {
    const m = SUMMARY.exec(line);
    if (!m) continue;
    if (m[1] === 'COMPILE_OK') {
      jobs.ok++;
      jobs.files.push(m[3]!);
    } else {
      jobs.other++;
    }
  }
  return jobs;
}
