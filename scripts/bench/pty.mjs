// Run a command in a pseudo-terminal (util-linux `script`) and time until its output shows a marker.
import { spawn } from 'node:child_process';

/**
 * Start argv under a PTY of columns x rows; resolve with ms from spawn until `until(output)` is true,
 * then send `quitKeys` and wait for exit; without `until`, time until the command exits. Times out after timeoutMs.
 */
export function timeInPty(argv, { until, quitKeys = '', columns = 80, rows = 24, env = {}, timeoutMs = 20000 }) {
  // `script -c` takes one command string; argv here is ours (fixed in the bench), never user input.
  const command = [`stty cols ${columns} rows ${rows};`, 'exec', ...argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`)].join(' ');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Without a marker the command runs to its end on its own; stdin stays empty.
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let seenAt;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timeout; output so far: ${out.slice(-400)}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (until && seenAt === undefined && until(out)) {
        seenAt = performance.now() - started;
        if (quitKeys) child.stdin.write(quitKeys);
        else child.stdin.end();
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!until) resolve({ ms: performance.now() - started, code });
      else if (seenAt === undefined) reject(new Error(`exited (${code}) before the marker; output: ${out.slice(-400)}`));
      else resolve({ ms: seenAt, code });
    });
  });
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
