// Runs the stand-in emerge directly on the test host (no Docker): one stand-in stage3 root is
// bootstrapped per test worker and copied for every test that needs a fresh one; STANDIN_PREFIX
// keeps /var, /etc and /usr of the stand-in inside that copy.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, lstatSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePayload } from '../fixtures/stage3-standin/image/compile-payload.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/stage3-standin/', import.meta.url));
export const EMERGE = join(FIXTURE, 'standin/emerge.mjs');
export const ESELECT = join(FIXTURE, 'standin/eselect.mjs');
export const LOCALE_GEN = join(FIXTURE, 'standin/locale-gen.mjs');

let template: { root: string; prebuilt: string } | undefined;

function ensureTemplate(): { root: string; prebuilt: string } {
  if (template) return template;
  const base = mkdtempSync(join(tmpdir(), 'gentoo-wb-standin-host-'));
  const prebuilt = join(base, 'prebuilt');
  compilePayload(prebuilt);
  const root = join(base, 'root');
  const r = spawnSync(process.execPath, [join(FIXTURE, 'db/bootstrap.mjs'), '--root', root, '--prebuilt', prebuilt], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`stand-in bootstrap failed: ${r.stdout}${r.stderr}`);
  template = { root, prebuilt };
  process.on('exit', () => rmSync(base, { recursive: true, force: true }));
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
