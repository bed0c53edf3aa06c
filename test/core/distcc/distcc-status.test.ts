import { describe, expect, it } from 'vitest';
import { plainLine } from '../../../src/core/build/plain-lines.js';
import { EMPTY_PROGRESS, reduceProgress } from '../../../src/core/build/progress.js';
import { distccdJobs } from '../../../src/core/distcc/distccd-log.js';
import { distccLine, type DistccHelperStatus } from '../../../src/core/distcc/distcc-status.js';
import type { DistccEvent } from '../../../src/core/events.js';

// distccd 3.4 (Debian's build, as in the test image) with --log-stderr --log-level info, one compile sent by distcc.
const LOG = `distccd[598] (dcc_listen_by_addr) listening on 0.0.0.0:3632
distccd[598] (dcc_standalone_server) 2 CPUs online on this server
distccd[598] x86_64-linux-gnu-gcc t.c on localhost completed ok
distccd[598] job complete
distccd[598] (dcc_job_summary) client: 127.0.0.1:48292 COMPILE_OK exit:0 sig:0 core:0 ret:0 time:48ms x86_64-linux-gnu-gcc t.c
distccd[601] (dcc_job_summary) client: 10.213.0.1:40000 COMPILE_ERROR exit:1 sig:0 core:0 ret:1 time:20ms x86_64-linux-gnu-gcc broken.c
distccd[602] (dcc_job_summary) client: 10.213.0.1:40002 COMPILE_OK exit:0 sig:0 core:0 ret:0 time:31ms gcc oldtool.c
`;

const helper = (over: Partial<DistccHelperStatus> = {}): DistccHelperStatus => ({ engine: 'second', address: '10.213.0.2', port: 32768, jobs: 2, compiles: null, otherJobs: 0, state: 'running', ...over });

describe('distccd log and the helpers line', () => {
  it('counts distccd\'s job summaries: compiles that succeeded, their files, and the others', () => {
    expect(distccdJobs(LOG)).toEqual({ ok: 2, other: 1, files: ['t.c', 'oldtool.c'] });
    expect(distccdJobs('distccd[1] (dcc_log_daemon_started) preforking daemon started\n')).toEqual({ ok: 0, other: 0, files: [] });
  });

  it('one line per build: engine, address/limit, state and compiles, then MAKEOPTS', () => {
    expect(distccLine([helper()], '-j9 -l2')).toBe('second 10.213.0.2:32768/2 running; MAKEOPTS=-j9 -l2');
    expect(distccLine([helper({ compiles: 1 }), helper({ engine: 'local', address: '172.17.0.3', port: 3632, compiles: 3, otherJobs: 1, state: 'stopped' })], '-j13 -l2'))
      .toBe('second 10.213.0.2:32768/2 running, 1 compile; local 172.17.0.3:3632/2 stopped, 3 compiles (+1 failed); MAKEOPTS=-j13 -l2');
  });

  it('the distcc event: a --plain line, and the progress keeps the latest', () => {
    const event: DistccEvent = { type: 'distcc', t: Date.UTC(2026, 11, 7, 13, 5, 9), helpers: [helper({ compiles: 2, state: 'stopped' })], hosts: '10.213.0.2:32768/2', makeopts: '-j9 -l2' };
    expect(plainLine(event)).toBe('13:05:09 distcc   second 10.213.0.2:32768/2 stopped, 2 compiles; MAKEOPTS=-j9 -l2');
    const first = reduceProgress(EMPTY_PROGRESS, { ...event, helpers: [helper()] });
    expect(reduceProgress(first, event).distcc).toEqual({ helpers: event.helpers, makeopts: '-j9 -l2' });
    expect(EMPTY_PROGRESS.distcc).toBeUndefined();
  });
});
