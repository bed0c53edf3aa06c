// `emerge --info`: the Portage header, system lines, the package version table, repository blocks,
// variables (USE with its USE_EXPAND groups on one line) and the per-package settings section.
import { splitTerminalLines } from '../terminal-text.js';

export interface InfoRepository {
  name: string;
  location?: string;
  syncType?: string;
  syncUri?: string;
  priority?: number;
  masters?: string[];
  /** Every `key: value` line of the block, as printed. */
  attributes: Record<string, string>;
}

export interface InfoPackageVersion {
  version: string;
  repo: string | null;
  /** Text in parentheses after the version (`virtual/os-headers`). */
  note?: string;
}

export interface EmergeInfo {
  portageVersion: string | null;
  python: string | null;
  profile: string | null;
  gcc: string | null;
  libc: string | null;
  kernel: string | null;
  arch: string | null;
  uname: string | null;
  memory: { totalKiB: number; freeKiB: number } | null;
  swap: { totalKiB: number; freeKiB: number } | null;
  repositoryTimestamps: Record<string, string>;
  headCommits: Record<string, string>;
  /** Tool lines: `sh`, `ld`, `coreutils`, `ccache`, `distcc`. */
  tools: Record<string, string>;
  /** `cat/pn` → installed versions. */
  packages: Record<string, InfoPackageVersion[]>;
  repositories: InfoRepository[];
  binaryRepositories: InfoRepository[];
  installedSets: string[];
  /** Every `VAR="value"` (USE_EXPAND groups of the USE line included). */
  variables: Record<string, string>;
  chost: string | null;
  cflags: string | null;
  cxxflags: string | null;
  makeopts: string | null;
  use: string[];
  useExpand: Record<string, string[]>;
  features: string[];
  acceptKeywords: string[];
  unset: string[];
  /** `cat/pn-ver::repo was built with the following:` sections. */
  packageSettings: Record<string, Record<string, string>>;
  unknown: { line: number; text: string }[];
}

const HEADER_RE = /^Portage (\S+) \((.*)\)\s*$/;
const MEM_RE = /^KiB (Mem|Swap):\s+(\d+) total,\s+(\d+) free/;
const PKG_RE = /^([a-z0-9][\w+.-]*\/[\w+-]+):\s+(.+)$/;
const VERSION_RE = /([^,\s]+?)(?:::([^,\s]+))?(?: \(([^)]+)\))?(?:,|$)/g;
const VAR_START_RE = /^[A-Z][A-Z0-9_]*="/;
const BUILT_WITH_RE = /^(\S+) was built with the following:$/;

function emptyInfo(): EmergeInfo {
  return {
    portageVersion: null, python: null, profile: null, gcc: null, libc: null, kernel: null, arch: null, uname: null,
    memory: null, swap: null, repositoryTimestamps: {}, headCommits: {}, tools: {}, packages: {}, repositories: [],
    binaryRepositories: [], installedSets: [], variables: {}, chost: null, cflags: null, cxxflags: null, makeopts: null,
    use: [], useExpand: {}, features: [], acceptKeywords: [], unset: [], packageSettings: {}, unknown: [],
  };
}

function applyHeader(info: EmergeInfo, inside: string): void {
  const parts = inside.split(', ');
  info.python = (parts[0] ?? '').replace(/^python /, '') || null;
  info.profile = parts[1] ?? null;
  const last = parts.length >= 3 ? (parts[parts.length - 1] ?? '') : '';
  const sp = last.lastIndexOf(' ');
  info.kernel = sp > 0 ? last.slice(0, sp) : last || null;
  info.arch = sp > 0 ? last.slice(sp + 1) : null;
  if (parts.length >= 4) info.gcc = parts[2] ?? null;
  if (parts.length >= 5) info.libc = parts[3] ?? null;
}

/** Reads `NAME="…" NAME2="…"` groups of one line; values never contain a double quote. */
function readAssignments(line: string): [string, string][] {
  const out: [string, string][] = [];
  let p = 0;
  while (p < line.length) {
    const eq = line.indexOf('="', p);
    if (eq < 0) break;
    const name = line.slice(p, eq).trim();
    const close = line.indexOf('"', eq + 2);
    if (close < 0 || !/^[A-Z][A-Z0-9_]*$/.test(name)) break;
    out.push([name, line.slice(eq + 2, close)]);
    p = close + 1;
  }
  return out;
}

function words(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

function toolLine(info: EmergeInfo, line: string): boolean {
  const m = /^(sh|ld|coreutils|ccache|distcc):? (.+)$/.exec(line);
  if (!m || (m[1] === 'ccache' && !line.startsWith('ccache version')) || (m[1] === 'distcc' && !/^distcc \S/.test(line))) return false;
  info.tools[m[1] ?? ''] = (m[2] ?? '').trim();
  return true;
}

/** Parses `emerge --info` output (with or without package arguments). */
export function parseEmergeInfo(text: string): EmergeInfo {
  const info = emptyInfo();
  const lines = splitTerminalLines(text);
  let repoList: InfoRepository[] | null = null;
  let repo: InfoRepository | null = null;
  let settings: Record<string, string> | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const t = line.trim();
    if (t === '' || /^=+$/.test(t) || t === 'System Settings' || t === 'Package Settings') continue;
    if (repoList) {
      if (line.startsWith('    ') && repo) {
        const colon = t.indexOf(':');
        if (colon > 0) {
          const key = t.slice(0, colon);
          const value = t.slice(colon + 1).trim();
          repo.attributes[key] = value;
          if (key === 'location') repo.location = value;
          else if (key === 'sync-type') repo.syncType = value;
          else if (key === 'sync-uri') repo.syncUri = value;
          else if (key === 'priority' && /^-?\d+$/.test(value)) repo.priority = Number(value);
          else if (key === 'masters') repo.masters = words(value);
          continue;
        }
      }
      if (/^[A-Za-z0-9_][\w-]*$/.test(t) && !line.startsWith(' ')) {
        repo = { name: t, attributes: {} };
        repoList.push(repo);
        continue;
      }
      repoList = null;
      repo = null;
    }
    const header = HEADER_RE.exec(line);
    if (header && info.portageVersion === null) {
      info.portageVersion = header[1] ?? null;
      applyHeader(info, header[2] ?? '');
      continue;
    }
    if (line.startsWith('System uname: ')) {
      info.uname = line.slice(14).trim();
      continue;
    }
    const mem = MEM_RE.exec(line);
    if (mem) {
      info[mem[1] === 'Mem' ? 'memory' : 'swap'] = { totalKiB: Number(mem[2]), freeKiB: Number(mem[3]) };
      continue;
    }
    const ts = /^Timestamp of (?:repository (\S+)|tree): (.+)$/.exec(line);
    if (ts) {
      info.repositoryTimestamps[ts[1] ?? 'gentoo'] = (ts[2] ?? '').trim();
      continue;
    }
    const head = /^Head commit of repository (\S+): (\S+)/.exec(line);
    if (head) {
      info.headCommits[head[1] ?? ''] = head[2] ?? '';
      continue;
    }
    if (line === 'Repositories:' || line === 'Binary Repositories:') {
      repoList = line === 'Repositories:' ? info.repositories : info.binaryRepositories;
      continue;
    }
    if (line.startsWith('Installed sets: ')) {
      info.installedSets = line.slice(16).split(/,?\s+/).filter(Boolean);
      continue;
    }
    if (line.startsWith('Unset:')) {
      info.unset = line.slice(6).split(',').map((s) => s.trim()).filter(Boolean);
      continue;
    }
    const built = BUILT_WITH_RE.exec(t);
    if (built) {
      settings = {};
      info.packageSettings[built[1] ?? ''] = settings;
      continue;
    }
    if (VAR_START_RE.test(line)) {
      const target = settings ?? info.variables;
      for (const [name, value] of readAssignments(line)) target[name] = value;
      continue;
    }
    const pkg = PKG_RE.exec(line);
    if (pkg) {
      const versions: InfoPackageVersion[] = [];
      for (const m of (pkg[2] ?? '').trim().matchAll(VERSION_RE)) {
        if (!m[1]) continue;
        const v: InfoPackageVersion = { version: m[1], repo: m[2] ?? null };
        if (m[3]) v.note = m[3];
        versions.push(v);
      }
      info.packages[pkg[1] ?? ''] = versions;
      continue;
    }
    if (toolLine(info, line)) continue;
    info.unknown.push({ line: i + 1, text: line });
  }

  const v = info.variables;
  info.chost = v.CHOST ?? null;
  info.cflags = v.CFLAGS ?? null;
  info.cxxflags = v.CXXFLAGS ?? null;
  info.makeopts = v.MAKEOPTS ?? null;
  info.use = words(v.USE);
  info.features = words(v.FEATURES);
  info.acceptKeywords = words(v.ACCEPT_KEYWORDS);
  const useLine = lines.find((l) => l.startsWith('USE="'));
  if (useLine) for (const [name, value] of readAssignments(useLine).slice(1)) info.useExpand[name] = words(value);
  return info;
}
