// What a second engine leaves on the machine, written down as it is made (one JSON record per engine
// under /run/gentoo-wb-test-engines), so that stop() and, when the test process died first, a later
// start remove exactly that: processes naming the engine's folder, namespace, veth, mounts, folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sleep } from './second-engine-proc.js';

/** What a second engine puts on the machine, kept in RECORDS/<dir name>.json until stop() removed it. */
export interface EngineRecord {
  /** The test process that started it. */
  owner: number;
  netns: string | null;
  vethHost: string | null;
  dir: string;
}

const RECORDS = '/run/gentoo-wb-test-engines';

/** The record of an engine started from `dir` (tests make an orphan by changing its owner). */
export function recordFile(dir: string): string {
  return path.join(RECORDS, `${path.basename(dir)}.json`);
}

export function writeRecord(record: EngineRecord): void {
  mkdirSync(RECORDS, { recursive: true, mode: 0o700 });
  writeFileSync(recordFile(record.dir), JSON.stringify(record));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Unmount, unlink and delete what a record names (its processes already gone), then the record. */
export function removeLeftovers(record: EngineRecord): void {
  const { dir } = record;
  // Mounts under the folder (the data root's tmpfs; a killed daemon's overlay mounts) go before the files.
  const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1] ?? '').filter((m) => m.startsWith(`${dir}/`) || m === dir);
  for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m]);
  if (record.vethHost !== null) spawnSync('ip', ['link', 'del', record.vethHost]);
  if (record.netns !== null) {
    spawnSync('ip', ['netns', 'del', record.netns]);
    removeCgroups(record.netns);
  }
  // --one-file-system: a mount that could not be undone is left, never followed into another file system.
  const removed = spawnSync('rm', ['-rf', '--one-file-system', dir], { encoding: 'utf8' });
  if (existsSync(dir)) process.stderr.write(`second engine: could not remove ${dir}: ${removed.stderr.trim()}\n`);
  else rmSync(recordFile(dir), { force: true });
}

/**
 * Remove second engines whose test process died before stop() (a killed worker, Ctrl-C): their
 * processes (only those whose command line names the engine's folder), namespace, veth, tmpfs and folder.
 * Engines of live test processes, other runs' included, are left alone.
 */
export async function sweepOrphanedEngines(): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(RECORDS).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const swept: string[] = [];
  for (const file of files) {
    let record: EngineRecord;
    try {
      record = JSON.parse(readFileSync(path.join(RECORDS, file), 'utf8')) as EngineRecord;
    } catch {
      continue;
    }
    if (isAlive(record.owner) || !record.dir.startsWith(path.join(os.tmpdir(), 'gwb-se-'))) continue;
    await endProcessesNaming(record.dir);
    removeLeftovers(record);
    swept.push(record.dir);
  }
  return swept;
}

/**
 * End every process whose command line names `dir` (SIGTERM, then SIGKILL after 15 s): dockerd, its
 * containerd and shims, sshd and the agent all do. Also what a killed dockerd's containerd needs.
 */
export async function endProcessesNaming(dir: string): Promise<void> {
  const holders = () => processesNaming(dir);
  for (const pid of holders()) signal(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (holders().length > 0 && Date.now() < deadline) await sleep(200);
  for (const pid of holders()) signal(pid, 'SIGKILL');
}

function processesNaming(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone meanwhile
  }
}

/** Remove the (empty) cgroup folders dockerd made under --cgroup-parent. */
function removeCgroups(parent: string): void {
  const root = '/sys/fs/cgroup';
  let controllers: string[];
  try {
    controllers = readdirSync(root);
  } catch {
    return;
  }
  for (const c of [...controllers.map((x) => path.join(root, x, parent)), path.join(root, parent)]) {
    try {
      rmdirSync(c);
    } catch {
      // absent, or still holding a process: left for the kernel to report
    }
  }
}
