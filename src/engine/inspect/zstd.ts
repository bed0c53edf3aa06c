// zstd through the `zstd` command (Node 20's zlib has none): a Transform around the child process, fed
// and read with backpressure, its argv fixed here (no shell). When the command is missing the error
// says which package to install.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Transform, type TransformCallback } from 'node:stream';
import { EngineError } from '../docker/errors.js';

const INSTALL_HINT = 'install the zstd command (Debian/Ubuntu: apt install zstd; Fedora: dnf install zstd; Gentoo: emerge app-arch/zstd), or use --compress gzip';

/** Is the zstd command on PATH? */
export function zstdAvailable(command = 'zstd'): boolean {
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

/** Throw a clear error unless the zstd command runs. */
export function requireZstd(command = 'zstd'): void {
  if (!zstdAvailable(command)) throw new EngineError('not-found', 'zstd compression needs the zstd command, which is not installed here', INSTALL_HINT);
}

/** A Transform running `command argv`: what is written goes to its stdin, its stdout comes out. */
class CommandTransform extends Transform {
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private readonly exited: Promise<number | null>;
  private failure: Error | null = null;

  constructor(command: string, argv: string[], private readonly what: string) {
    super();
    this.child = spawn(command, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => resolve(code));
      this.child.on('error', () => resolve(-1));
    });
    this.child.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += d.toString();
    });
    this.child.stdout.on('data', (d: Buffer) => {
      if (!this.push(d)) this.child.stdout.pause();
    });
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      this.failure = err.code === 'ENOENT' ? new EngineError('not-found', `${what} needs the zstd command, which is not installed here`, INSTALL_HINT) : err;
      this.destroy(this.failure);
    });
    // A consumer that stops early closes stdin under zstd; that EPIPE is not the error to report.
    this.child.stdin.on('error', () => undefined);
  }

  override _read(size: number): void {
    this.child.stdout.resume();
    super._read(size);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.child.stdin.write(chunk)) done();
    else this.child.stdin.once('drain', () => done());
  }

  override _flush(done: TransformCallback): void {
    this.child.stdin.end();
    const stdoutEnded = new Promise<void>((resolve) => {
      if (this.child.stdout.readableEnded) resolve();
      else this.child.stdout.once('end', () => resolve());
    });
    void Promise.all([stdoutEnded, this.exited]).then(([, code]) => {
      if (this.failure) return done(this.failure);
      if (code === 0) return done();
      done(new EngineError('engine', `${this.what} failed (zstd exit ${code}): ${this.stderr.trim() || 'no message'}`, 'check free disk space and that the input is complete'));
    });
  }

  override _destroy(err: Error | null, done: (error: Error | null) => void): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    done(err);
  }
}

/** Compress with zstd (level 3, all cores, like `zstd -T0`). */
export function zstdCompressor(command = 'zstd'): Transform {
  return new CommandTransform(command, ['-3', '-T0', '-q', '-c', '-'], 'zstd compression');
}

/** Decompress zstd data. */
export function zstdDecompressor(command = 'zstd'): Transform {
  return new CommandTransform(command, ['-d', '-q', '-c', '-'], 'zstd decompression');
}
