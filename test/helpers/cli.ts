// Run the built CLI (dist/cli.js) as a user would, building it first when missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** Build dist/ once if it is not there (npm test builds it before vitest). */
export function ensureBuilt(): void {
  if (existsSync(cliPath)) return;
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('could not build dist/ for CLI tests');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `gentoo-wb ARGS` with piped stdio; env is added to a clean copy of ours (colour forced off). */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  ensureBuilt();
  const env = { ...process.env, FORCE_COLOR: '0', ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
