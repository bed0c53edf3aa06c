// One merge-list line: `[TYPE ATTRS] INDENT PKG [OLDBEST] [to ROOT] USE="…" GROUP="…" SIZE [N]`,
// plus `--columns` (`cat/pn   [ver:slot::repo]   [old]`) and `[blocks B] … ("atom" is … blocking …)`.
import { splitCpv } from '../names.js';
import { parseSizeText } from './size.js';
import { readUseGroups } from './use-string.js';
import type { BlockerInfo, MergeKind, OldVersion, PretendPackage, UseFlagState } from './pretend-types.js';

/** A `cat/pn-ver[-id][:SLOT[/SUB]][::repo]` token split into its parts (the package fields of a merge line). */
export type PackageToken = Pick<PretendPackage, 'cpv' | 'category' | 'name' | 'version' | 'buildId' | 'slot' | 'subslot' | 'repo'>;

function splitSlot(slot: string | null): { slot: string | null; subslot: string | null } {
  if (slot === null) return { slot: null, subslot: null };
  const i = slot.indexOf('/');
  return i < 0 ? { slot, subslot: null } : { slot: slot.slice(0, i), subslot: slot.slice(i + 1) };
}

/** Parses a package token as printed in merge lists and conflict reports; null when it is not one. */
export function parsePackageToken(token: string, allowBuildId: boolean): PackageToken | null {
  let rest = token;
  let repo: string | null = null;
  const rr = rest.indexOf('::');
  if (rr >= 0) {
    repo = rest.slice(rr + 2) || null;
    rest = rest.slice(0, rr);
  }
  let slotText: string | null = null;
  const sc = rest.indexOf(':');
  if (sc >= 0) {
    slotText = rest.slice(sc + 1);
    rest = rest.slice(0, sc);
  }
  const cpv = splitCpv(rest, allowBuildId);
  if (!cpv) return null;
  return { cpv: cpv.cpv, category: cpv.category, name: cpv.name, version: cpv.version, buildId: cpv.buildId ?? null, repo, ...splitSlot(slotText) };
}

function parseOldVersions(text: string): OldVersion[] {
  return text.split(', ').filter((s) => s.length > 0).map((entry) => {
    let rest = entry.trim();
    let repo: string | null = null;
    const rr = rest.indexOf('::');
    if (rr >= 0) {
      repo = rest.slice(rr + 2);
      rest = rest.slice(0, rr);
    }
    const sc = rest.indexOf(':');
    const slot = sc >= 0 ? rest.slice(sc + 1) : null;
    return { version: sc >= 0 ? rest.slice(0, sc) : rest, repo, ...splitSlot(slot) };
  });
}

const BLOCKER_RE = /^(\S+) \((?:"([^"]+)" )?is (?:(hard|soft) )?blocking (.+)\)\s*$/;

function emptyPackage(kind: MergeKind, flags: string, line: number): PretendPackage {
  return {
    kind, flags, cpv: '', category: '', name: '', version: '', buildId: null, slot: null, subslot: null, repo: null,
    oldVersions: [], use: [], downloadKiB: null, root: '/', new: false, newSlot: false, replace: false, update: false,
    downgrade: false, forcedRebuild: false, interactive: false, fetchRestricted: false, fetch: null, mask: null,
    depth: 0, repoIndex: null, blocker: null, unparsed: '', line,
  };
}

function applyAttributes(pkg: PretendPackage, attrs: string): void {
  for (let i = 0; i < attrs.length; i++) {
    switch (attrs[i]) {
      case 'N': pkg.new = true; break;
      case 'S': pkg.newSlot = true; break;
      case 'R': pkg.replace = true; break;
      case 'r': pkg.forcedRebuild = true; break;
      case 'U': pkg.update = true; break;
      case 'D': pkg.downgrade = true; break;
      case 'I': pkg.interactive = true; break;
      case 'F': case 'f': case 'g': pkg.fetch = attrs[i] as 'F' | 'f' | 'g'; break;
      case '~': case '*': case '#': pkg.mask = attrs[i] as '~' | '*' | '#'; break;
      default: break;
    }
  }
  pkg.fetchRestricted = pkg.fetch === 'F' || pkg.fetch === 'f';
}

function skipSpaces(line: string, p: number): number {
  while (line.charCodeAt(p) === 32) p++;
  return p;
}

function parseBlocker(pkg: PretendPackage, text: string): boolean {
  const m = BLOCKER_RE.exec(text);
  if (!m) return false;
  const resolved = m[1] ?? '';
  const info: BlockerInfo = {
    satisfied: pkg.flags.slice('blocks'.length).includes('b'),
    atom: m[2] ?? resolved,
    strength: (m[3] as 'hard' | 'soft' | undefined) ?? null,
    blocking: (m[4] ?? '').split(', ').filter(Boolean),
  };
  pkg.cpv = resolved;
  const slash = resolved.indexOf('/');
  pkg.category = slash > 0 ? resolved.slice(0, slash).replace(/^[!<>=~]+/, '') : '';
  pkg.name = slash > 0 ? resolved.slice(slash + 1) : resolved;
  pkg.blocker = info;
  return true;
}

/** The merge kind a line starts with (`[ebuild`, `[binary`, `[nomerge`, `[uninstall`, `[blocks`), or null. */
function mergeKindAt(line: string): MergeKind | null {
  if (line.charCodeAt(0) !== 91) return null;
  switch (line.charCodeAt(1)) {
    case 101: return line.startsWith('ebuild', 1) ? 'ebuild' : null;
    case 98: return line.startsWith('binary', 1) ? 'binary' : line.startsWith('blocks', 1) ? 'blocks' : null;
    case 110: return line.startsWith('nomerge', 1) ? 'nomerge' : null;
    case 117: return line.startsWith('uninstall', 1) ? 'uninstall' : null;
    default: return null;
  }
}

/** True when the line starts like a merge-list line (`[ebuild`, `[binary`, `[nomerge`, `[uninstall`, `[blocks`). */
export function looksLikeMergeLine(line: string): boolean {
  return mergeKindAt(line) !== null;
}

/** Parses one colour-free merge-list line; null when it is not one. */
export function parseMergeLine(line: string, lineNo: number): PretendPackage | null {
  const kind = mergeKindAt(line);
  if (!kind) return null;
  const close = line.indexOf(']');
  if (close < 0) return null;
  const flags = line.slice(1, close);
  if (flags.length > kind.length && flags.charCodeAt(kind.length) !== 32) return null;
  const pkg = emptyPackage(kind, flags, lineNo);
  applyAttributes(pkg, flags.slice(kind.length));

  let p = close + 1;
  const afterBracket = skipSpaces(line, p);
  pkg.depth = Math.max(0, afterBracket - p - 1);
  p = afterBracket;
  if (kind === 'blocks') {
    if (!parseBlocker(pkg, line.slice(p))) pkg.unparsed = line.slice(p);
    return pkg;
  }

  let end = line.indexOf(' ', p);
  if (end < 0) end = line.length;
  const binary = kind === 'binary';
  let token = parsePackageToken(line.slice(p, end), binary);
  let q = end;
  if (!token) {
    // --columns: `cat/pn` padded, then `[ver[-id][:slot][::repo]]`.
    const cp = line.slice(p, end);
    const v = skipSpaces(line, end);
    const vEnd = line.charCodeAt(v) === 91 ? line.indexOf(']', v) : -1;
    if (vEnd < 0) return null;
    token = parsePackageToken(`${cp}-${line.slice(v + 1, vEnd)}`, binary);
    if (!token) return null;
    q = vEnd + 1;
  }
  pkg.cpv = token.cpv;
  pkg.category = token.category;
  pkg.name = token.name;
  pkg.version = token.version;
  pkg.buildId = token.buildId;
  pkg.slot = token.slot;
  pkg.subslot = token.subslot;
  pkg.repo = token.repo;

  q = skipSpaces(line, q);
  if (line.charCodeAt(q) === 91) {
    const oldEnd = line.indexOf(']', q);
    if (oldEnd > 0) {
      pkg.oldVersions = parseOldVersions(line.slice(q + 1, oldEnd));
      q = skipSpaces(line, oldEnd + 1);
    }
  }
  if (line.startsWith('to /', q)) {
    let rootEnd = line.indexOf(' ', q + 3);
    if (rootEnd < 0) rootEnd = line.length;
    pkg.root = line.slice(q + 3, rootEnd);
    q = skipSpaces(line, rootEnd);
  }
  const use: UseFlagState[] = [];
  q = readUseGroups(line, q, use);
  pkg.use = use;
  let tail = line.slice(q).trim();
  if (tail.endsWith(']')) {
    const open = tail.lastIndexOf('[');
    const index = open >= 0 ? tail.slice(open + 1, -1) : '';
    if (open >= 0 && /^(?:\d+|\?)(?:=>(?:\d+|\?))?$/.test(index)) {
      pkg.repoIndex = index;
      tail = tail.slice(0, open).trimEnd();
    }
  }
  if (tail.length > 0) {
    const size = parseSizeText(tail);
    if (size) pkg.downloadKiB = size.kib;
    else pkg.unparsed = tail;
  }
  return pkg;
}
