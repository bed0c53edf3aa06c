// Dependency-resolution problem blocks (stderr of emerge): slot conflicts, blocker explanations,
// masked packages, unmet REQUIRED_USE, "no ebuilds", invalid atoms, fetch instructions.
import type { ConflictInstance, DependencyParent, MaskedCandidate, PretendProblem, PulledInBy, UseDepCandidate } from './pretend-types.js';
import { parsePackageToken } from './merge-line.js';

/** The kinds of block the segmenter recognises by their first line. */
export type ProblemBlockKind =
  | 'slot-conflict' | 'skipped-updates' | 'blocker-explanation' | 'masked' | 'required-use' | 'no-ebuilds'
  | 'no-set' | 'invalid-atom' | 'fetch-instructions';

/** Recognises the first line of a problem block. */
export function problemBlockStart(line: string): ProblemBlockKind | null {
  const c = line.charCodeAt(0);
  if (c === 33 /* ! */) {
    if (line.startsWith('!!! Multiple package instances within a single package slot')) return 'slot-conflict';
    if (line.startsWith('!!! All ebuilds that could satisfy ')) return 'masked';
    if (line.startsWith('!!! The ebuild selected to satisfy ')) return 'required-use';
    if (line.startsWith('!!! The following update(s) have been skipped')) return 'skipped-updates';
    if (line.startsWith("!!! '") && line.endsWith("' is not a valid package atom.")) return 'invalid-atom';
    return null;
  }
  if (c === 101 /* e */) {
    if (line.startsWith('emerge: there are no ebuilds') || line.startsWith('emerge: there are no binary packages')) return 'no-ebuilds';
    if (line.startsWith('emerge: There are no sets to satisfy')) return 'no-set';
    return null;
  }
  if (line.startsWith(' * Error: The above package list contains packages which cannot be')) return 'blocker-explanation';
  if (line.startsWith('WARNING: One or more updates/rebuilds have been skipped')) return 'skipped-updates';
  if (line.startsWith('Fetch instructions for ') && line.endsWith(':')) return 'fetch-instructions';
  return null;
}

const INSTANCE_RE = /^ {2}\(([^,()\s]+), ([a-z ]+?)(?: (?:to|in) '[^']*')?\)(.*?)(pulled in by|conflicts with)\s*$/;
const PARENT_PKG_RE = /^ {4}(\S+) required by \(([^,()\s]+), [^)]*\)/;
const PARENT_OTHER_RE = /^ {4}(\S+) required by (\S+)/;
const MARKER_RE = /^\s+[\^ ]+$/;
// 2012 Portage put two spaces before the type.
const CHAIN_RE = /^\(dependency required by "([^"]+)"\s+\[([a-z]+)\]\)$/;
const CANDIDATE_RE = /^- (\S+?)(?:::(\S+))? \((.+)\)$/;
// The REQUIRED_USE warning is appended to the flags with ", " and itself contains commas.
const CHANGE_USE_RE = /^Change USE: ([+-]\S+(?: [+-]\S+)*)(?:, (this change violates .+))?$/;
const MISSING_IUSE_RE = /^Missing IUSE: (.+)$/;
const QUOTED_ATOM_RE = /"([^"]+)"/;

function cpvOfPackageString(text: string): string {
  return parsePackageToken(text, true)?.cpv ?? text;
}

/** Parses `  (PKG, TYPE) … pulled in by` sections with their parent lines. */
function parsePulledIn(lines: readonly string[]): { instances: ConflictInstance[]; rest: string[] } {
  const instances: ConflictInstance[] = [];
  const rest: string[] = [];
  let current: ConflictInstance | null = null;
  for (const line of lines) {
    const inst = INSTANCE_RE.exec(line);
    if (inst) {
      const pkgText = inst[1] ?? '';
      current = { package: pkgText, cpv: cpvOfPackageString(pkgText), pulledBy: [] };
      instances.push(current);
      continue;
    }
    if (current && line.startsWith('    ')) {
      if (MARKER_RE.test(line)) continue;
      const pkgParent = PARENT_PKG_RE.exec(line);
      const otherParent = pkgParent ? null : PARENT_OTHER_RE.exec(line);
      let by: PulledInBy;
      if (pkgParent) by = { atom: pkgParent[1] ?? null, parent: cpvOfPackageString(pkgParent[2] ?? '') };
      else if (otherParent) by = { atom: otherParent[1] ?? null, parent: otherParent[2] ?? '' };
      else by = { atom: null, parent: line.trim() };
      if (!by.parent.startsWith('(and ')) current.pulledBy.push(by);
      else rest.push(line.trim());
      continue;
    }
    if (line.trim() !== '') rest.push(line.trim());
  }
  return { instances, rest };
}

function uniq(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

function involved(instances: ConflictInstance[]): string[] {
  return uniq(instances.flatMap((i) => [i.cpv, ...i.pulledBy.map((b) => b.parent)]));
}

const SLOT_LINE_RE = /^([A-Za-z0-9_][\w+.-]*\/[\w+-]+:\S+)(?: for (\S+))?$/;

function slotConflicts(lines: readonly string[], lineNo: number): PretendProblem[] {
  const problems: PretendProblem[] = [];
  const prose: string[] = [];
  let slot: { slot: string; root: string | null; body: string[] } | null = null;
  const flush = () => {
    if (!slot) return;
    const { instances, rest } = parsePulledIn(slot.body);
    const who = instances.map((i) => `${i.cpv}${i.pulledBy[0] ? ` (pulled in by ${i.pulledBy.map((b) => b.parent).join(', ')})` : ''}`);
    problems.push({
      kind: 'slot-conflict', slot: slot.slot, root: slot.root, instances, line: lineNo,
      message: `Slot conflict in ${slot.slot}: ${who.join(' vs ') || 'see details'}`,
      packages: involved(instances), details: rest,
    });
  };
  for (const line of lines.slice(2)) {
    const s = SLOT_LINE_RE.exec(line);
    if (s) {
      flush();
      slot = { slot: s[1] ?? '', root: s[2] ?? null, body: [] };
    } else if (slot && (line.startsWith('  ') || line.trim() === '') && prose.length === 0) {
      slot.body.push(line);
    } else if (line.trim() !== '') {
      prose.push(line.trim());
    }
  }
  flush();
  if (problems.length === 0) {
    problems.push({ kind: 'slot-conflict', slot: '', root: null, instances: [], line: lineNo, message: 'Slot conflict', packages: [], details: prose });
  } else {
    for (const p of problems) p.details.push(...prose);
  }
  return problems;
}

function masked(lines: readonly string[], lineNo: number): PretendProblem {
  const atom = QUOTED_ATOM_RE.exec(lines[0] ?? '')?.[1] ?? '';
  const candidates: MaskedCandidate[] = [];
  const maskComments: string[] = [];
  const details: string[] = [];
  const packages: string[] = [];
  for (const line of lines.slice(1)) {
    const m = /^- (\S+?)(?:::(\S+))? \(masked by: (.+)\)$/.exec(line);
    if (m) {
      candidates.push({ cpv: m[1] ?? '', repo: m[2] ?? null, reasons: (m[3] ?? '').split(', ') });
      packages.push(m[1] ?? '');
    } else if (line.startsWith('#')) {
      maskComments.push(line);
    } else if (line.trim() !== '') {
      const chain = CHAIN_RE.exec(line.trim());
      if (chain) packages.push(chain[1] ?? '');
      details.push(line.trim());
    }
  }
  const reasons = uniq(candidates.flatMap((c) => c.reasons));
  return {
    kind: 'masked', atom, candidates, maskComments, details, line: lineNo, packages: uniq([atom, ...packages]),
    message: `All ebuilds that could satisfy "${atom}" are masked${reasons.length ? ` (${reasons.join(', ')})` : ''}`,
  };
}

function requiredUse(lines: readonly string[], lineNo: number): PretendProblem {
  const atom = QUOTED_ATOM_RE.exec(lines[0] ?? '')?.[1] ?? '';
  let cpv: string | null = null;
  let unsatisfied: string | null = null;
  let expression: string | null = null;
  let expect: 'unsatisfied' | 'expression' | null = null;
  const details: string[] = [];
  for (const line of lines.slice(1)) {
    const t = line.trim();
    if (t === '') continue;
    if (t.startsWith('- ') && cpv === null) {
      const token = t.slice(2).split(' ')[0] ?? '';
      cpv = parsePackageToken(token, false)?.cpv ?? token;
      details.push(t);
    } else if (t.startsWith('The following REQUIRED_USE flag constraints are unsatisfied')) {
      expect = 'unsatisfied';
    } else if (t.startsWith('The above constraints are a subset of the following complete expression')) {
      expect = 'expression';
    } else if (expect === 'unsatisfied') {
      unsatisfied = t;
      expect = null;
    } else if (expect === 'expression') {
      expression = t;
      expect = null;
    } else {
      details.push(t);
    }
  }
  return {
    kind: 'required-use', atom, cpv, unsatisfied, expression, details, line: lineNo, packages: uniq([atom, cpv ?? '']),
    message: `${cpv ?? atom} has unmet REQUIRED_USE${unsatisfied ? `: ${unsatisfied}` : ''}`,
  };
}

/** `- cpv::repo (Change USE: +a -b)` / `(Missing IUSE: x)`; null for other `- …` lines. */
function useDepCandidate(line: string): UseDepCandidate | null {
  const m = CANDIDATE_RE.exec(line);
  if (!m) return null;
  const reason = m[3] ?? '';
  const change = CHANGE_USE_RE.exec(reason);
  const missing = change ? null : MISSING_IUSE_RE.exec(reason);
  if (!change && !missing) return null;
  return {
    cpv: m[1] ?? '',
    repo: m[2] ?? null,
    // package.use syntax: `+flag` is written as `flag`.
    useChanges: change ? (change[1] ?? '').split(' ').map((f) => f.replace(/^\+/, '')) : [],
    missingIuse: missing ? (missing[1] ?? '').split(/\s+/).filter(Boolean) : [],
    violation: change?.[2] ?? null,
  };
}

/** One `(dependency required by "X" [type])` line, or null. */
function dependencyParent(line: string): DependencyParent | null {
  const m = CHAIN_RE.exec(line.trim());
  return m ? { parent: m[1] ?? '', type: m[2] ?? '' } : null;
}

function noEbuilds(kind: 'no-ebuilds' | 'no-set', lines: readonly string[], lineNo: number): PretendProblem {
  const first = lines[0] ?? '';
  const atom = kind === 'no-set' ? `@${/'([^']+)'/.exec(first)?.[1] ?? ''}` : (QUOTED_ATOM_RE.exec(first)?.[1] ?? '');
  const suggestions: string[] = [];
  const details: string[] = [];
  const candidates: UseDepCandidate[] = [];
  const requiredBy: DependencyParent[] = [];
  for (const line of lines.slice(1)) {
    const t = line.trim();
    if (t === '') continue;
    const maybe = /^emerge: Maybe you meant (?:any of these: )?(.+)\?$/.exec(t);
    if (maybe) {
      suggestions.push(...(maybe[1] ?? '').split(', '));
      continue;
    }
    if (kind === 'no-set' && /^[A-Za-z0-9_][\w+.-]*$/.test(t)) {
      suggestions.push(`@${t}`);
      continue;
    }
    const candidate = useDepCandidate(t);
    if (candidate) candidates.push(candidate);
    const parent = dependencyParent(t);
    if (parent) requiredBy.push(parent);
    details.push(t);
  }
  const message = kind === 'no-set' ? `There is no set ${atom}` : first.replace(/^emerge: /, '').replace(/\.$/, '');
  const packages = uniq([atom, ...candidates.map((c) => c.cpv), ...requiredBy.filter((r) => r.type !== 'argument').map((r) => r.parent)]);
  return { kind: 'no-ebuilds', atom, suggestions, useDeps: first.includes(' built with USE flags '), candidates, requiredBy, details, line: lineNo, packages, message };
}

/** Turns the lines of one recognised block into problems (an explanation block returns none). */
export function parseProblemBlock(kind: ProblemBlockKind, lines: readonly string[], lineNo: number): PretendProblem[] {
  const first = lines[0] ?? '';
  switch (kind) {
    case 'slot-conflict':
      return slotConflicts(lines, lineNo);
    case 'masked':
      return [masked(lines, lineNo)];
    case 'required-use':
      return [requiredUse(lines, lineNo)];
    case 'no-ebuilds':
    case 'no-set':
      return [noEbuilds(kind, lines, lineNo)];
    case 'invalid-atom': {
      const atom = first.slice(5, -"' is not a valid package atom.".length);
      const details = lines.slice(1).map((l) => l.trim()).filter(Boolean);
      return [{ kind: 'invalid-atom', atom, details, line: lineNo, packages: [atom], message: `'${atom}' is not a valid package atom` }];
    }
    case 'fetch-instructions': {
      const cpv = first.slice('Fetch instructions for '.length, -1);
      const details = lines.slice(1).map((l) => l.replace(/^ \* ?/, '').trim()).filter(Boolean);
      return [{ kind: 'fetch-restricted', cpv, details, line: lineNo, packages: [cpv], message: `${cpv} is fetch-restricted: download its files by hand` }];
    }
    case 'skipped-updates': {
      const { instances, rest } = parsePulledIn(lines.slice(1));
      return [{ kind: 'other', details: rest, line: lineNo, packages: involved(instances), message: first.replace(/^!!! /, '').replace(/:$/, '') }];
    }
    case 'blocker-explanation':
      return [];
  }
}

/** The pulled-in-by sections of a ` * Error: The above package list contains…` block. */
export function parseBlockerExplanation(lines: readonly string[]): { instances: ConflictInstance[]; rest: string[] } {
  const body = lines.filter((l) => !l.startsWith(' * '));
  return parsePulledIn(body);
}
