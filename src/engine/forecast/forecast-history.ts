// What forecasts learn from: the base image's /var/log/emerge.log (how long its packages took when it
// was built) and gentoo-wb's own build records (actual durations of earlier builds, newest last, as the
// time each package held a --jobs slot: slot-seconds.ts).
import type Dockerode from 'dockerode';
import { recordsAsMerges, type BuildRecord } from '../../core/build/build-record.js';
import { slotSeconds } from '../../core/forecast/slot-seconds.js';
import { gentooWbLabels } from '../../core/labels.js';
import { parseEmergeLog, type EmergeLogMerge } from '../../core/portage/emerge-log/emerge-log-parser.js';
import { buildHistory, type BuildHistory } from '../../core/portage/eta/eta.js';
import { appVersion } from '../app-info.js';
import { listRecords } from '../build/build-store.js';
import { createContainer, downloadPath, EngineError, removeContainer } from '../docker/index.js';

const EMERGE_LOG = '/var/log/emerge.log';

/** The base's emerge.log merges, read from a created, never started container; empty when it has none. */
async function baseEmergeLogMerges(docker: Dockerode, image: string): Promise<EmergeLogMerge[]> {
  const id = await createContainer(docker, { image, cmd: ['/bin/true'], network: 'none', labels: gentooWbLabels({ version: appVersion(), role: 'probe' }) });
  try {
    const got = await downloadPath(docker, id, EMERGE_LOG, { maxBytes: 256 * 1024 * 1024 });
    const file = got.find((e) => e.type === 'file');
    return file?.content ? parseEmergeLog(file.content.toString('utf8')).merges : [];
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'not-found') return [];
    throw err;
  } finally {
    await removeContainer(docker, id, { force: true }).catch(() => undefined);
  }
}

/** A record's package times as slot times of its --jobs (slot-seconds.ts), when its forecast kept the jobs. */
function withSlotSeconds(record: BuildRecord): BuildRecord {
  const jobs = record.forecast?.forecast?.jobs;
  return jobs ? { ...record, packages: slotSeconds(record.packages, jobs) } : record;
}

/**
 * History for forecasts: the base's emerge.log, then the build records (later, so the recent-samples
 * median prefers gentoo-wb's own actuals). A base that cannot be read leaves the records alone.
 */
export async function loadForecastHistory(docker: Dockerode, image: string, env: NodeJS.ProcessEnv = process.env): Promise<BuildHistory> {
  const [base, records] = await Promise.all([baseEmergeLogMerges(docker, image).catch(() => []), listRecords(env)]);
  return buildHistory([...base, ...recordsAsMerges(records.map(withSlotSeconds))]);
}
