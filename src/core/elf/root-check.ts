// The ROOT check: every dynamically linked ELF file in a tree must find its program interpreter and
// each DT_NEEDED library inside the same tree, searched the way the loader searches (RPATH, the
// image's LD_LIBRARY_PATH, RUNPATH, ld.so.conf, the default folders), with a matching class and
// machine. A scratch image that fails this would fail at run time with "cannot open shared object".
import type { ElfInfo } from './elf-reader.js';
import { loaderConfigDirs } from './ld-so-conf.js';
import { normalizePath, parentOf, type TreeIndex } from './tree-index.js';

/** Folders every loader searches last (glibc's 64-bit and 32-bit ones, musl's). */
const DEFAULT_LIBRARY_DIRS = ['/lib64', '/usr/lib64', '/lib', '/usr/lib', '/usr/local/lib'] as const;

/** Trees of separate debug information hold ELF files that are never loaded. */
const NEVER_LOADED = /^\/usr\/lib\/debug\//;

const PLATFORMS: Record<number, string> = { 3: 'i686', 62: 'x86_64', 183: 'aarch64', 40: 'arm', 21: 'ppc64', 22: 's390x', 243: 'riscv64' };

export interface MissingLibrary {
  /** The ELF file that needs it. */
  file: string;
  /** The DT_NEEDED name, or the interpreter path. */
  library: string;
  kind: 'needed' | 'interpreter';
  /** Folders searched, in order (empty for paths and interpreters). */
  searched: string[];
  /** A file of that name found with another class or machine, if any (e.g. a 32-bit copy). */
  mismatch: string | null;
}

export interface RootCheckResult {
  /** ELF files seen. */
  elfFiles: number;
  /** Of those, dynamically linked ones whose needs were checked. */
  checked: number;
  missing: MissingLibrary[];
  /** ELF files that could not be read (not counted as missing libraries). */
  unreadable: { file: string; problem: string }[];
}

export interface RootCheckInput {
  tree: TreeIndex;
  /** Loader configuration texts by path (see isLoaderConfig). */
  loaderConfig: ReadonlyMap<string, string>;
  /** LD_LIBRARY_PATH the image sets in its ENV, split on ':'. */
  libraryPath?: string[];
  /** ELF files the scan could not parse, with why. */
  unreadable?: { file: string; problem: string }[];
}

/** Expand $ORIGIN, $LIB and $PLATFORM in an RPATH/RUNPATH entry; relative entries (cwd-dependent) are dropped. */
function expandDynamicPath(entry: string, file: string, elf: ElfInfo): string[] {
  const origin = parentOf(file);
  const platform = PLATFORMS[elf.machine];
  const libs = elf.class === 64 ? ['lib64', 'lib'] : ['lib'];
  let expanded = entry.replace(/\$\{ORIGIN\}|\$ORIGIN/g, origin);
  if (/\$\{PLATFORM\}|\$PLATFORM/.test(expanded)) {
    if (!platform) return [];
    expanded = expanded.replace(/\$\{PLATFORM\}|\$PLATFORM/g, platform);
  }
  const out = /\$\{LIB\}|\$LIB/.test(expanded) ? libs.map((l) => expanded.replace(/\$\{LIB\}|\$LIB/g, l)) : [expanded];
  return out.filter((p) => p.startsWith('/')).map(normalizePath);
}

function sameKind(a: ElfInfo, b: ElfInfo): boolean {
  return a.class === b.class && a.machine === b.machine;
}

/** Run the check over a tree. */
export function checkRoot(input: RootCheckInput): RootCheckResult {
  const { tree } = input;
  const elves: { path: string; elf: ElfInfo }[] = [];
  for (const [path, node] of tree.entries()) if (node.kind === 'file' && node.elf) elves.push({ path, elf: node.elf });
  const configDirs = loaderConfigDirs(input.loaderConfig);
  // The loader's own folder is one of its system folders (Debian-style multiarch C libraries live there).
  const loaderDirs = new Set<string>();
  for (const { elf } of elves) {
    if (!elf.interpreter) continue;
    const found = tree.resolve(elf.interpreter);
    if (found) loaderDirs.add(parentOf(found));
  }
  const envDirs = (input.libraryPath ?? []).filter((p) => p.startsWith('/')).map(normalizePath);
  const missing: MissingLibrary[] = [];
  let checked = 0;

  const findIn = (dirs: string[], name: string, elf: ElfInfo): { ok: boolean; mismatch: string | null } => {
    let mismatch: string | null = null;
    for (const dir of dirs) {
      const hit = tree.lookup(`${dir}/${name}`);
      if (!hit || hit.node.kind !== 'file' || !hit.node.elf) continue;
      if (sameKind(hit.node.elf, elf)) return { ok: true, mismatch: null };
      mismatch ??= `${dir}/${name}`;
    }
    return { ok: false, mismatch };
  };

  for (const { path, elf } of elves) {
    if (NEVER_LOADED.test(path) || (elf.type !== 'exec' && elf.type !== 'dyn')) continue;
    if (!elf.interpreter && elf.needed.length === 0) continue;
    checked++;
    if (elf.interpreter) {
      const hit = tree.lookup(elf.interpreter);
      if (!hit || hit.node.kind !== 'file') missing.push({ file: path, library: elf.interpreter, kind: 'interpreter', searched: [], mismatch: null });
    }
    const rpath = elf.runpath.length > 0 ? [] : elf.rpath.flatMap((e) => expandDynamicPath(e, path, elf));
    const runpath = elf.runpath.flatMap((e) => expandDynamicPath(e, path, elf));
    const dirs = [...new Set([...rpath, ...envDirs, ...runpath, ...configDirs, ...DEFAULT_LIBRARY_DIRS, ...loaderDirs])];
    for (const name of elf.needed) {
      if (name.includes('/')) {
        const hit = tree.lookup(name.startsWith('/') ? name : `${parentOf(path)}/${name}`);
        if (!hit || hit.node.kind !== 'file') missing.push({ file: path, library: name, kind: 'needed', searched: [], mismatch: null });
        continue;
      }
      const found = findIn(dirs, name, elf);
      if (!found.ok) missing.push({ file: path, library: name, kind: 'needed', searched: dirs, mismatch: found.mismatch });
    }
  }
  return { elfFiles: elves.length, checked, missing, unreadable: input.unreadable ?? [] };
}

/** One line per missing library, for the log and the failure message. */
export function describeMissing(m: MissingLibrary): string {
  if (m.kind === 'interpreter') return `${m.file}: its program interpreter ${m.library} is not in the image`;
  const where = m.searched.length > 0 ? ` (searched ${m.searched.join(', ')})` : '';
  const other = m.mismatch ? `; ${m.mismatch} exists but is for another class or machine` : '';
  return `${m.file} needs ${m.library}, which is not in the image${where}${other}`;
}

/** The failure message of a ROOT check with missing libraries, or null when nothing is missing. */
export function rootCheckFailure(result: RootCheckResult, limit = 5): string | null {
  if (result.missing.length === 0) return null;
  const libs = [...new Set(result.missing.map((m) => m.library))];
  const shown = result.missing.slice(0, limit).map((m) => (m.kind === 'interpreter' ? `${m.file} (interpreter ${m.library})` : `${m.file} needs ${m.library}`));
  const more = result.missing.length > limit ? ` and ${result.missing.length - limit} more` : '';
  return (
    `ROOT check: ${result.missing.length} missing librar${result.missing.length === 1 ? 'y' : 'ies'} (${libs.join(', ')}): ${shown.join('; ')}${more}. ` +
    'Add the package that installs it to the recipe, or take it off mode.unmerge and the strip options'
  );
}
