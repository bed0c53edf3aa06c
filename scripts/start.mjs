#!/usr/bin/env node
// `npm start`: compiles only when a source is newer than the last build (tsc takes tens of seconds on a
// loaded 2-core box; an unchanged tree starts at once), then runs the CLI with the arguments given.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'cli.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const inputs = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => statSync(path.join(root, f)).mtimeMs);
const stale = !existsSync(built) || Math.max(newest(path.join(root, 'src')), ...inputs) > statSync(built).mtimeMs;
if (stale) {
  process.stderr.write('gentoo-wb: compiling (sources changed since the last build)…\n');
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // tsc leaves an unchanged output file alone; touch the entry so the next start sees a fresh build.
  const now = new Date();
  utimesSync(built, now, now);
}
// In this process (argv keeps its shape: node, script, arguments), so signals and the terminal are the CLI's own.
await import(pathToFileURL(built).href);
