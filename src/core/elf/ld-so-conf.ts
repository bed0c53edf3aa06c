// The library folders an image's loader configuration adds: glibc's /etc/ld.so.conf with its
// `include` globs (what `ldconfig -r` turns into ld.so.cache), and musl's /etc/ld-musl-ARCH.path.

/** Configuration files the ROOT check collects from a tree (exact paths or these patterns). */
export function isLoaderConfig(path: string): boolean {
  return path === '/etc/ld.so.conf' || /^\/etc\/ld\.so\.conf\.d\/[^/]+$/.test(path) || /^\/etc\/ld-musl-[^/]+\.path$/.test(path);
}

/** A shell-style glob (`*`, `?`, `[…]`) over one path as a regular expression; `*` never crosses `/`. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Folders named in ld.so.conf (following includes) and musl's path files, in reading order. */
export function loaderConfigDirs(files: ReadonlyMap<string, string>): string[] {
  const dirs: string[] = [];
  const seen = new Set<string>();
  const add = (d: string) => {
    if (d.startsWith('/') && !dirs.includes(d)) dirs.push(d.replace(/\/+$/, '') || '/');
  };
  const read = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = files.get(path);
    if (text === undefined) return;
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') continue;
      const include = /^include\s+(.+)$/.exec(line);
      if (include) {
        for (const pattern of include[1]!.split(/\s+/)) {
          const absolute = pattern.startsWith('/') ? pattern : `${dirname(path)}/${pattern}`;
          const re = globToRegExp(absolute);
          for (const match of [...files.keys()].filter((k) => re.test(k)).sort()) read(match);
        }
        continue;
      }
      if (/^hwcap\s/.test(line)) continue;
      // Old libc5 syntax allowed "dir=TYPE"; folders may also be separated by ':' or ','.
      for (const d of line.split(/[\s:,]+/)) add(d.replace(/=.*$/, ''));
    }
  };
  read('/etc/ld.so.conf');
  for (const [, text] of [...files.entries()].filter(([p]) => /^\/etc\/ld-musl-[^/]+\.path$/.test(p)).sort()) {
    for (const d of text.split(/[\n:]+/)) add(d.trim());
  }
  return dirs;
}
