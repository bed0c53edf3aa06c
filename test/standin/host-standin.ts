// Runs the stand-in emerge directly on the test host (no Docker): one stand-in stage3 root is
// bootstrapped per test worker and copied for every test that needs a fresh one; STANDIN_PREFIX
// keeps /var, /etc and /usr of the stand-in inside that copy.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, lstatSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePayload } from '../fixtures/stage3-standin/image/compile-payload.js';
import { contentHash } from '../fixtures/stage3-standin/image/content-hash.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/stage3-standin/', import.meta.url));
export const EMERGE = join(FIXTURE, 'standin/emerge.mjs');
export const ESELECT = join(FIXTURE, 'standin/eselect.mjs');
export const LOCALE_GEN = join(FIXTURE, 'standin/locale-gen.mjs');

let template: { root: string; prebuilt: string } | undefined;

/**
 * The bootstrapped stand-in root, shared by all test files (and runs) with the same fixture
 * content: built once into a directory named by the content hash, then renamed into place
 * atomically so concurrent workers either build it or reuse it.
 */
function ensureTemplate(): { root: string; prebuilt: string } {
  if (template) return template;
  const cache = join(tmpdir(), 'gentoo-wb-standin-cache');
  const dir = join(cache, contentHash([process.execPath]));
  if (!existsSync(join(dir, 'complete'))) {
    mkdirSync(cache, { recursive: true });
    const work = mkdtempSync(join(cache, 'building-'));
    compilePayload(join(work, 'prebuilt'));
    const r = spawnSync(process.execPath, [join(FIXTURE, 'db/bootstrap.mjs'), '--root', join(work, 'root'), '--prebuilt', join(work, 'prebuilt')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`stand-in bootstrap failed: ${r.stdout}${r.stderr}`);
    writeFileSync(join(work, 'complete'), '');
    try {
      renameSync(work, dir);
      for (const old of readdirSync(cache)) if (old !== basename(dir) && !old.startsWith('building-')) rmSync(join(cache, old), { recursive: true, force: true });
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
  }
  template = { root: join(dir, 'root'), prebuilt: join(dir, 'prebuilt') };
  return template;
}

export interface HostRun {
  status: number;
  /** stdout and stderr interleaved in arrival order, like a terminal capture. */
  output: string;
}

export interface HostStandin {
  prefix: string;
  /** Physical path of a stand-in path (e.g. /var/log/emerge.log). */
  path: (p: string) => string;
  env: (extra?: Record<string, string>) => Record<string, string>;
  emerge: (argv: string[], env?: Record<string, string>) => HostRun;
  /** Starts emerge without waiting (for following build.log while it compiles). */
  emergeAsync: (argv: string[], env?: Record<string, string>) => Promise<HostRun>;
  node: (script: string, argv: string[], env?: Record<string, string>) => HostRun;
  cleanup: () => void;
}

/**
 * Copies the template cheaply: large files become hard links. That is safe because the
 * stand-in replaces installed files by rename and never rewrites them in place; the small
 * files it does rewrite (world, emerge.log, counters, vdb keys) are real copies.
 */
function linkCopy(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    const dest = join(to, name);
    const st = lstatSync(src);
    if (st.isSymbolicLink()) symlinkSync(readlinkSync(src), dest);
    else if (st.isDirectory()) linkCopy(src, dest);
    else if (st.size > 16 * 1024 && !/\/var\/(log|lib|cache\/edb)\//.test(src)) linkSync(src, dest);
    else copyFileSync(src, dest);
  }
}

/** A fresh copy of the bootstrapped stand-in stage3 root. */
export function hostStandin(): HostStandin {
  const t = ensureTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'gentoo-wb-standin-run-'));
  const prefix = join(dir, 'root');
  linkCopy(t.root, prefix);
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8',
    STANDIN_PREFIX: prefix, STANDIN_PREBUILT: t.prebuilt, STANDIN_TIME_SCALE: '0.02', ...extra,
  });
  const runMerged = (script: string, argv: string[], extra?: Record<string, string>): HostRun => {
    const file = join(dir, `out-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
    const fd = openSync(file, 'w');
    try {
      const r = spawnSync(process.execPath, [script, ...argv], { env: env(extra), stdio: ['ignore', fd, fd] });
      return { status: r.status ?? -1, output: readFileSync(file, 'utf8') };
    } finally {
      closeSync(fd);
    }
  };
  return {
    prefix,
    path: (p) => join(prefix, p),
    env,
    emerge: (argv, extra) => runMerged(EMERGE, argv, extra),
    emergeAsync: (argv, extra) => new Promise((resolve) => {
      const file = join(dir, `out-${Date.now()}.txt`);
      const fd = openSync(file, 'w');
      const child = spawn(process.execPath, [EMERGE, ...argv], { env: env(extra), stdio: ['ignore', fd, fd] });
      child.on('close', (code) => { closeSync(fd); resolve({ status: code ?? -1, output: readFileSync(file, 'utf8') }); });
    }),
    node: (script, argv, extra) => runMerged(script, argv, extra),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Removes colour and terminal control sequences. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\][^\x07]*\x07/g, '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}
