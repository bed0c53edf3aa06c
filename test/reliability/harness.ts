// The reliability suite's shared parts: one case = one CLI run (or one engine call) in folders of its
// own and (when it needs the engine) a gentoo-wb namespace of its own, then three checks that hold for
// every case — the message, the exit code, and that nothing is lost or left: no container, volume or
// image of the case's namespace, no `.tmp`/`.partial` file under its state/config/data/output folders,
// the recipe file byte for byte as it was. Every case adds a row to a table printed at the end of its
// file: `case | message | exit | left behind`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { LABEL } from '../../src/core/labels.js';
import { cliPath, ensureBuilt } from '../helpers/cli.js';
import { dockerStatus, testDocker } from '../helpers/docker.js';
import { sweepNamespace } from '../helpers/global-setup.js';

export interface Row {
  name: string;
  message: string;
  exit: string;
  left: string;
}

const rows: Row[] = [];
const namespaces: string[] = [];
const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-reliability-'));
let counter = 0;

/** Print this file's table (and sweep the cases' namespaces) when the file ends. */
export function useReliabilityTable(title: string): void {
  afterAll(async () => {
    const table = formatRows(rows);
    process.stdout.write(`\nreliability: ${title} (${rows.length} cases)\n${table}`);
    const out = process.env.GWB_RELIABILITY_TABLE;
    if (out) writeFileSync(out, `## ${title}\n${table}`, { flag: 'a' });
    unmountAll();
    if (dockerStatus.reachable) for (const ns of namespaces) await sweepNamespace(testDocker(), ns).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
}

export function formatRows(list: Row[]): string {
  const header: Row = { name: 'case', message: 'message', exit: 'exit', left: 'left behind' };
  const all = [header, ...list];
  const w = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const line = (r: Row) => `${r.name.padEnd(w('name'))} | ${r.message.padEnd(w('message'))} | ${r.exit.padEnd(w('exit'))} | ${r.left}`;
  return `${all.map(line).join('\n')}\n`;
}

export function record(row: Row): void {
  rows.push(row);
}

/** The suite's temporary folder written as $T, so the table stays readable. */
export function shortPaths(text: string): string {
  return text.split(root).join('$T');
}

/** First meaningful line of what the case printed, shown (not sent) and short. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const shown = [...line].map((c) => (c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) ? '?' : c)).join('');
  return shown.length > 110 ? `${shown.slice(0, 109)}…` : shown;
}

/** One case's folders (state, config, data, out) and, when asked, its own namespace. */
export interface CaseDirs {
  dir: string;
  state: string;
  config: string;
  data: string;
  out: string;
  namespace: string;
  env: NodeJS.ProcessEnv;
}

export function caseDirs(): CaseDirs {
  const n = ++counter;
  const dir = path.join(root, `c${n}`);
  const d = { dir, state: path.join(dir, 'state'), config: path.join(dir, 'config'), data: path.join(dir, 'data'), out: path.join(dir, 'out') };
  for (const p of Object.values(d)) mkdirSync(p, { recursive: true });
  const namespace = `${inject('namespace')}-r${process.pid % 1000}-${n}`.slice(0, 32);
  namespaces.push(namespace);
  return {
    ...d, namespace,
    env: { XDG_STATE_HOME: d.state, XDG_CONFIG_HOME: d.config, XDG_DATA_HOME: d.data, XDG_CACHE_HOME: path.join(dir, 'cache'), GENTOO_WB_NAMESPACE: namespace, GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=0' },
  };
}

/** Objects of a namespace (containers, images, volumes), as `kind name` strings. */
export async function namespaceObjects(namespace: string): Promise<string[]> {
  if (!dockerStatus.reachable) return [];
  const docker = testDocker();
  const filters = { label: [`${LABEL.namespace}=${namespace}`] };
  const [containers, images, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listImages({ all: true, filters }),
    docker.listVolumes({ filters }),
  ]);
  return [
    ...containers.map((c) => `container ${(c.Names[0] ?? c.Id).replace(/^\//, '')}`),
    ...images.map((i) => `image ${i.RepoTags?.find((t) => t !== '<none>:<none>') ?? i.Id.slice(7, 19)}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
  ];
}

/** `.tmp` / `.partial` / `.tmp-*` files anywhere under the folders. */
export function temporaryFiles(...dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (/\.(?:tmp|partial)(?:-|$)|\.tmp-|\.partial-/.test(e.name)) found.push(full);
      if (e.isDirectory()) walk(full);
    }
  };
  dirs.forEach(walk);
  return found;
}

export function sha(file: string): string | null {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  timeoutMs?: number;
  /** Send `signal` to the CLI `delayMs` after its output first matches `when`. */
  interrupt?: { when: RegExp; signal: NodeJS.Signals; delayMs?: number };
  /** Run `act` once, when the CLI's output first matches `when` (break a folder, kill an engine). */
  act?: { when: RegExp; act: () => void };
}

/** Run the built CLI, acting on it (or around it) once its output shows a given line. */
export function run(args: string[], env: NodeJS.ProcessEnv, options: RunOptions = {}): Promise<RunResult> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const i = options.interrupt;
    const hook = options.act ?? (i ? { when: i.when, act: () => void setTimeout(() => child.kill(i.signal), i.delayMs ?? 300) } : null);
    let acted = false;
    const check = () => {
      if (hook && !acted && hook.when.test(stdout + stderr)) {
        acted = true;
        hook.act();
      }
    };
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); check(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); check(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

export interface CliCase {
  /** Arguments, given the case's folders. */
  args: (c: CaseDirs) => string[];
  /** Files to write first (path → content), given the case's folders. */
  setup?: (c: CaseDirs) => void | Promise<void>;
  exit: number;
  /** What the message must say (matched against stderr + stdout). */
  message: RegExp;
  /** Files that must be byte for byte the same afterwards (the recipe). */
  unchanged?: (c: CaseDirs) => string[];
  /** Extra checks after the run. */
  after?: (c: CaseDirs, r: RunResult) => void | Promise<void>;
  interrupt?: { when: RegExp; signal: NodeJS.Signals; delayMs?: number };
  timeoutMs?: number;
  /** Extra folders to scan for temporary files. */
  scan?: (c: CaseDirs) => string[];
  env?: (c: CaseDirs) => NodeJS.ProcessEnv;
  /** Objects the case means to make and keep (a result image's tag): not counted as left behind. */
  keeps?: RegExp;
}

/** Run one case and check the three things every case promises; add its row to the table. */
export async function checkCase(name: string, spec: CliCase): Promise<RunResult> {
  const c = caseDirs();
  await spec.setup?.(c);
  const keep = (spec.unchanged?.(c) ?? []).map((f) => [f, sha(f)] as const);
  const before = await namespaceObjects(c.namespace);
  const r = await run(spec.args(c), { ...c.env, ...spec.env?.(c) }, { timeoutMs: spec.timeoutMs, interrupt: spec.interrupt });
  const after = await namespaceObjects(c.namespace);
  const left = [
    ...after.filter((o) => !before.includes(o) && !(spec.keeps?.test(o) ?? false)),
    ...temporaryFiles(c.state, c.config, c.data, c.out, ...(spec.scan?.(c) ?? [])).map((f) => path.relative(c.dir, f)),
    ...keep.filter(([f, h]) => sha(f) !== h).map(([f]) => `changed ${path.basename(f)}`),
  ];
  const text = `${r.stderr}\n${r.stdout}`;
  const matching = text.split('\n').find((l) => spec.message.test(l));
  const shown = firstLine(shortPaths(matching ?? (r.stderr.trim() ? r.stderr : r.stdout)));
  record({ name, message: shown, exit: r.code === null ? `signal ${r.signal}` : String(r.code), left: left.length === 0 ? 'nothing' : left.join(', ') });
  expect(text, `case ${name}`).toMatch(spec.message);
  expect(r.code, `case ${name}: ${r.stderr}`).toBe(spec.exit);
  expect(text, `case ${name}: no stack trace`).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(left, `case ${name}: left behind`).toEqual([]);
  await spec.after?.(c, r);
  return r;
}

/** Write a file in the case's folder and return its path. */
export function write(c: CaseDirs, name: string, content: string | Buffer): string {
  const file = path.join(c.dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** Mounted file systems of this file, unmounted by `unmountAll` (afterAll). */
const mounts: string[] = [];

/** Can this process mount (root, as CI and the dev container run)? */
export const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(path.join(os.tmpdir(), 'gwb-mount-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

/** A folder on a tiny tmpfs filled to the last byte: every write fails with ENOSPC. */
export function fullFolder(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(root, `full-${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  sh('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
  mounts.push(dir);
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), content);
  }
  try {
    writeFileSync(path.join(dir, 'filler'), Buffer.alloc(1024 * 1024));
  } catch {
    // full now, which is the point
  }
  return dir;
}

/** A folder on a read-only tmpfs (EROFS), holding `files`. */
export function readOnlyFolder(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(root, `ro-${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  sh('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
  mounts.push(dir);
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), content);
  }
  sh('mount', ['-o', 'remount,ro', dir]);
  return dir;
}

/** A folder on a small writable tmpfs of its own, to be made read-only (`remount`) or full (`fill`) later. */
export function mountedFolder(name: string): string {
  const dir = path.join(root, `mnt-${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  sh('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}

/**
 * Make a mounted folder read-only (EROFS) or writable again. The kernel refuses `ro` while a file there
 * is open for writing (a log being appended): tried again until it takes.
 */
export async function remount(dir: string, mode: 'ro' | 'rw'): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const r = spawnSync('mount', ['-o', `remount,${mode}`, dir], { encoding: 'utf8' });
    if (r.status === 0) return;
    if (attempt >= 200) throw new Error(`mount -o remount,${mode} ${dir}: ${r.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Fill a mounted folder to the last byte (ENOSPC from then on); `empty` frees it again. */
export function fill(dir: string): void {
  try {
    writeFileSync(path.join(dir, 'filler'), Buffer.alloc(8 * 1024 * 1024));
  } catch {
    // full now, which is the point
  }
}

export function empty(dir: string): void {
  rmSync(path.join(dir, 'filler'), { force: true });
}

export function unmountAll(): void {
  for (const m of mounts.splice(0).reverse()) {
    try {
      sh('umount', [m]);
    } catch {
      try { sh('umount', ['-l', m]); } catch { /* reported by the next run's mkdtemp, never fatal */ }
    }
  }
}
