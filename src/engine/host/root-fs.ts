// Reads a system's files under a root directory: `/` for this machine, or a mounted disk or chroot
// given with --root. Paths are written as on that system ("/proc/mounts"); absolute symlinks are
// followed inside the root, never out of it.
import { constants } from 'node:fs';
import { access, lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import path from 'node:path';

export class RootFs {
  constructor(readonly root: string = '/') {}

  /** True when the root is this machine's own `/`. */
  get isLive(): boolean {
    return path.resolve(this.root) === '/';
  }

  /** The real path of a path on the checked system. */
  real(p: string): string {
    return path.join(this.root, p);
  }

  /** File contents as text, or null when missing or unreadable. */
  async text(p: string): Promise<string | null> {
    try {
      return await readFile(this.real(p), 'utf8');
    } catch {
      return null;
    }
  }

  /** File contents as bytes, or null. */
  async bytes(p: string): Promise<Buffer | null> {
    try {
      return await readFile(this.real(p));
    } catch {
      return null;
    }
  }

  /** A number from a one-line file such as /proc/sys/...; null when missing or not a number. */
  async number(p: string): Promise<number | null> {
    const t = await this.text(p);
    if (t === null) return null;
    const n = Number(t.trim());
    return t.trim() !== '' && Number.isFinite(n) ? n : null;
  }

  async exists(p: string): Promise<boolean> {
    try {
      await lstat(this.real(p));
      return true;
    } catch {
      return false;
    }
  }

  async isDir(p: string): Promise<boolean> {
    try {
      return (await stat(this.real(p))).isDirectory();
    } catch {
      return false;
    }
  }

  async writable(p: string): Promise<boolean> {
    try {
      await access(this.real(p), constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** Directory entries, or null. */
  async list(p: string): Promise<string[] | null> {
    try {
      return await readdir(this.real(p));
    } catch {
      return null;
    }
  }

  /** Follow symlinks (at most 20) and return the final path as seen on the checked system, or null if it dangles. */
  async resolve(p: string): Promise<string | null> {
    let current = path.posix.normalize(p);
    for (let hops = 0; hops < 20; hops++) {
      let info;
      try {
        info = await lstat(this.real(current));
      } catch {
        return null;
      }
      if (!info.isSymbolicLink()) return current;
      const target = await readlink(this.real(current));
      current = path.posix.normalize(path.posix.isAbsolute(target) ? target : path.posix.join(path.posix.dirname(current), target));
    }
    return null;
  }

  /** The first of these programs' directories holding an executable `name`, as a path on the checked system. */
  async findProgram(name: string, dirs: readonly string[]): Promise<string | null> {
    for (const dir of dirs) {
      const p = path.posix.join(dir, name);
      try {
        const info = await stat(this.real(p));
        if (info.isFile() && (info.mode & 0o111) !== 0) return p;
      } catch {
        // not here; try the next directory
      }
    }
    return null;
  }
}

/** Where programs live: PATH first (on the live system), then the usual system directories. */
export function programDirs(env: Readonly<Record<string, string | undefined>>, live: boolean): string[] {
  const fromPath = live ? (env.PATH ?? '').split(':').filter((d) => d.startsWith('/')) : [];
  const standard = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/libexec/docker/cli-plugins'];
  return [...new Set([...fromPath, ...standard])];
}
