// Parses a whole `emerge --pretend` capture (stdout and stderr in any interleaving, colour or not,
// TTY or not) into packages, totals, proposed changes, problems and notices. Lines are classified
// by cheap prefix checks first; multi-line blocks (autounmask sections, problem reports) collect
// their lines until a line that starts something else. Nothing is dropped: what is not understood
// ends up in `unknown`.
import { splitTerminalLines } from '../terminal-text.js';
import { autounmaskSectionKind, parseAutounmaskSection } from './autounmask.js';
import { parseMergeLine, looksLikeMergeLine } from './merge-line.js';
import { parseBlockerExplanation, parseProblemBlock, problemBlockStart, type ProblemBlockKind } from './problems.js';
import { applyTotalContinuation, parseTotalLine } from './total-line.js';
import { useChangesFromProblems } from './use-dep-changes.js';
import type { ChangeKind, PretendHeader, PretendProblem, PretendResult, PretendTotal } from './pretend-types.js';

type Block =
  | { kind: 'autounmask'; change: ChangeKind; lines: string[] }
  | { kind: 'problem'; problem: ProblemBlockKind; lines: string[]; line: number }
  | { kind: 'rebuilds'; lines: string[] }
  | { kind: 'repos' }
  | { kind: 'global-updates' };

const HEADER_RE = /^These are the packages that (?:would be|I would) (merged?|fetched|fetch|built|build)(?:, in (reverse )?order)?:\s*$/;
const RESOLUTION_RE = /^Dependency resolution took (\d+(?:\.\d+)?) s(?: \(backtrack: (\d+)\/(\d+)\))?\.\s*$/;
const NEWS_RE = /^ \* IMPORTANT: (\d+) news items? need(?:s)? reading for repository '([^']+)'\.\s*$/;
const CONFIG_RE = /^ \* IMPORTANT: (?:config file '([^']+)' needs updating|(\d+) config files in '([^']+)' need updating)\.\s*$/;
const PROMPT_RE = /^(Would you like to .+?\?) \[Yes\/No\]\s*(.*)$/;
const REPO_LEGEND_RE = /^ \[(\d+|\?)\] (.+)$/;
const RESOLVING_PREFIX = '!!! Problem resolving dependencies for ';

const KNOWN_FOLLOW_UPS = new Set([
  ' * Use eselect news read to view new items.',
  ' * Use eselect news to read news items.',
  ' * See the CONFIGURATION FILES and CONFIGURATION FILES UPDATE TOOLS',
  ' * sections of the emerge man page to learn how to update config files.',
  'Quitting.',
  // Continuation lines of the autounmask footers.
  'CONFIG_PROTECT). Carefully examine the list of proposed changes,',
  'paying special attention to mask or keyword changes that may expose',
  'experimental or unstable packages.',
  'from creating package.unmask or ** keyword changes.',
  'due to the above autounmask change(s). The --autounmask-backtrack=y',
  'option can be used to force further backtracking, but there is no',
  'guarantee that it will produce a solution.',
]);

const AUTOUNMASK_NOTES = ['Use --autounmask-write to write changes to config files', 'NOTE: The --autounmask-keep-masks option', 'Autounmask changes successfully written.', 'In order to avoid wasting time, backtracking has terminated early'];

function header(line: string): PretendHeader | null {
  const m = HEADER_RE.exec(line);
  if (!m) return null;
  const word = m[1] ?? '';
  const action = word.startsWith('fetch') ? 'fetched' : word.startsWith('buil') ? 'built' : 'merged';
  const order = m[2] ? 'reverse' : line.includes(', in order') ? 'in-order' : word === 'merge' ? 'in-order' : 'unordered';
  return { action, order };
}

/** True for lines that always start a new construct, even inside a problem block. */
function startsConstruct(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 91) return looksLikeMergeLine(line);
  if (c === 84) return line.startsWith('Total: ') || line.startsWith('These are the packages') || line.startsWith('The following ');
  if (c === 32) return line.startsWith(' * IMPORTANT: ') || line.startsWith(' * Error: The above package list');
  if (c === 33) return line.startsWith(RESOLVING_PREFIX) || problemBlockStart(line) !== null;
  if (c === 101) return problemBlockStart(line) !== null;
  if (c === 87) return line.startsWith('Would you like to ') || problemBlockStart(line) !== null;
  if (c === 78) return line.startsWith('Nothing to merge');
  if (c === 67) return line.startsWith('Calculating dependencies');
  if (c === 68) return line.startsWith('Dependency resolution took');
  if (c === 70) return problemBlockStart(line) !== null;
  return false;
}

function continues(block: Block, line: string): boolean {
  const blank = line.trim() === '';
  switch (block.kind) {
    case 'autounmask':
      return !blank && !startsConstruct(line);
    case 'problem':
      if (block.problem === 'fetch-instructions') return line.startsWith(' *') && !line.startsWith(' * IMPORTANT: ');
      return !startsConstruct(line);
    case 'rebuilds':
      return blank || line.startsWith('  ');
    case 'repos':
      return REPO_LEGEND_RE.test(line);
    case 'global-updates':
      return !blank && !startsConstruct(line);
  }
}

function emptyResult(): PretendResult {
  return {
    header: null, resolution: null, packages: [], total: null, changes: [], problems: [], notices: [], rebuilds: [],
    repositories: [], prompt: null, nothingToMerge: false, unknown: [],
  };
}

/** Parses `emerge --pretend` (or the list part of any emerge run) into structured data. */
export function parsePretend(text: string): PretendResult {
  const result = emptyResult();
  const lines = splitTerminalLines(text);
  let block: Block | null = null;
  let total: PretendTotal | null = null;
  let context: string | null = null;
  const explanations: string[][] = [];

  const addProblems = (problems: PretendProblem[]) => {
    for (const p of problems) {
      if (context !== null) {
        p.context = context;
        context = null;
      }
      result.problems.push(p);
    }
  };

  const close = () => {
    if (!block) return;
    if (block.kind === 'autounmask') result.changes.push(...parseAutounmaskSection(block.change, block.lines));
    else if (block.kind === 'problem') {
      if (block.problem === 'blocker-explanation') explanations.push(block.lines);
      else addProblems(parseProblemBlock(block.problem, block.lines, block.line));
    } else if (block.kind === 'rebuilds') parseRebuilds(block.lines, result);
    block = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    if (block) {
      if (continues(block, line)) {
        if (block.kind === 'autounmask' || block.kind === 'problem' || block.kind === 'rebuilds') block.lines.push(line);
        else if (block.kind === 'repos') {
          const m = REPO_LEGEND_RE.exec(line);
          if (m && m[1] !== '?') result.repositories.push({ index: m[1] ?? '', path: m[2] ?? '' });
        }
        continue;
      }
      close();
    }
    const t = line.trim();
    if (t === '') continue;

    if (line.charCodeAt(0) === 91) {
      const pkg = parseMergeLine(line, lineNo);
      if (pkg) {
        result.packages.push(pkg);
        if (pkg.kind === 'blocks' && pkg.blocker && !pkg.blocker.satisfied) {
          const b = pkg.blocker;
          addProblems([{
            kind: 'blocker', atom: b.atom, strength: b.strength, blocking: b.blocking, pulledIn: [], details: [], line: lineNo,
            packages: [pkg.cpv, ...b.blocking], message: `${b.atom} is ${b.strength ? `${b.strength} ` : ''}blocking ${b.blocking.join(', ')}`,
          }]);
        }
        continue;
      }
    }
    const hdr = header(line);
    if (hdr) {
      result.header = hdr;
      continue;
    }
    if (line.startsWith('Calculating dependencies') || t === 'done!' || t === '... done!') continue;
    const res = RESOLUTION_RE.exec(line);
    if (res) {
      result.resolution = { seconds: Number(res[1]), backtrack: res[2] ? { used: Number(res[2]), max: Number(res[3]) } : null };
      continue;
    }
    const tot = parseTotalLine(line);
    if (tot) {
      total = tot;
      result.total = tot;
      continue;
    }
    if (total && applyTotalContinuation(total, line)) continue;
    const changeKind = autounmaskSectionKind(line);
    if (changeKind) {
      block = { kind: 'autounmask', change: changeKind, lines: [] };
      continue;
    }
    const problemKind = problemBlockStart(line);
    if (problemKind) {
      block = { kind: 'problem', problem: problemKind, lines: [line], line: lineNo };
      continue;
    }
    if (line.startsWith(RESOLVING_PREFIX)) {
      context = line.slice(RESOLVING_PREFIX.length).trim();
      continue;
    }
    if (line === 'The following packages are causing rebuilds:') {
      block = { kind: 'rebuilds', lines: [] };
      continue;
    }
    if (line === 'Portage tree and overlays:' || line === 'Repositories:') {
      block = { kind: 'repos' };
      continue;
    }
    if (line === 'Performing Global Updates') {
      block = { kind: 'global-updates' };
      continue;
    }
    if (noticeLine(line, lineNo, result)) continue;
    const prompt = PROMPT_RE.exec(line);
    if (prompt) {
      result.prompt = { question: prompt[1] ?? '', answer: prompt[2] ? prompt[2].trim() : null };
      continue;
    }
    if (t.startsWith('Nothing to merge')) {
      result.nothingToMerge = true;
      continue;
    }
    result.unknown.push({ line: lineNo, text: line });
  }
  close();
  attachExplanations(result, explanations);
  result.changes.push(...useChangesFromProblems(result.problems, result.changes));
  if (context !== null) {
    result.problems.push({ kind: 'other', message: `Problem resolving dependencies for ${context}`, packages: [context], details: [], line: 0 });
  }
  return result;
}

function noticeLine(line: string, lineNo: number, result: PretendResult): boolean {
  if (KNOWN_FOLLOW_UPS.has(line.trim()) || KNOWN_FOLLOW_UPS.has(line.trimEnd())) return true;
  const news = NEWS_RE.exec(line);
  if (news) {
    result.notices.push({ kind: 'news', text: line.trim(), count: Number(news[1]), repo: news[2] ?? '', line: lineNo });
    return true;
  }
  if (CONFIG_RE.test(line)) {
    result.notices.push({ kind: 'config-update', text: line.replace(/^ \* /, '').trim(), line: lineNo });
    return true;
  }
  if (AUTOUNMASK_NOTES.some((p) => line.startsWith(p))) {
    result.notices.push({ kind: 'autounmask', text: line.trim(), line: lineNo });
    return true;
  }
  if (line.startsWith(' * ') || line === ' *') {
    result.notices.push({ kind: 'message', text: line.slice(3).trim(), line: lineNo });
    return true;
  }
  return false;
}

function parseRebuilds(lines: readonly string[], result: PretendResult): void {
  let current: { cause: string; rebuilds: string[] } | null = null;
  for (const line of lines) {
    const cause = /^ {2}\(([^,()\s]+), [^)]*\) causes rebuilds for:$/.exec(line);
    if (cause) {
      current = { cause: cause[1] ?? '', rebuilds: [] };
      result.rebuilds.push(current);
      continue;
    }
    const target = /^ {4}\(([^,()\s]+), [^)]*\)$/.exec(line);
    if (target && current) current.rebuilds.push(target[1] ?? '');
  }
}

function attachExplanations(result: PretendResult, explanations: string[][]): void {
  for (const lines of explanations) {
    const { instances, rest } = parseBlockerExplanation(lines);
    const blockers = result.problems.filter((p) => p.kind === 'blocker');
    if (blockers.length === 0) {
      result.problems.push({
        kind: 'blocker', atom: '', strength: null, blocking: [], pulledIn: instances, details: rest, line: 0,
        packages: instances.map((i) => i.cpv), message: 'The package list contains packages which cannot be installed at the same time',
      });
      continue;
    }
    for (const b of blockers) {
      if (b.kind !== 'blocker') continue;
      b.pulledIn.push(...instances);
      b.details.push(...rest);
    }
  }
}
