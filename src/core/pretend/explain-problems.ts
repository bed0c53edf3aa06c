// Portage's dependency problems said in words a person can act on: what cannot happen, why, and
// what to change in the recipe. Blockers and slot conflicts get their own sentences; errors such as
// "no ebuilds" or "masked" also carry Portage's own lines (see portage-lines.ts).
import { parseAtom } from '../portage/atom-parser.js';
import { cpOf } from '../portage/names.js';
import type { ConflictInstance, PretendPackage, PretendProblem, PretendResult } from '../portage/pretend/pretend-types.js';
import type { ProblemExplanation } from './problem-explanation.js';
import type { Recipe } from '../recipe/recipe-schema.js';
import { explainBinhostFailures, type PlanBinhostRef } from './explain-binhost.js';
import { explainNoEbuilds } from './explain-no-ebuilds.js';
import { portageLinesOf } from './portage-lines.js';

/** What a pretend run knows about the build besides Portage's output. */
export interface ExplainContext {
  /**
   * The distfiles cache volume the build mounts (where files downloaded by hand go); null when the
   * recipe has no distfiles cache; absent when unknown.
   */
  distfilesVolume?: string | null;
  /** The binhosts of the plan (binrepos.conf sections), so their failures name them; absent: none. */
  binhosts?: readonly PlanBinhostRef[];
}

/** The context of a pretend command: its distfiles cache volume and binhosts. */
export function explainContextOf(command: { caches: ReadonlyArray<{ role: string; name: string }>; binhosts?: readonly PlanBinhostRef[] }): ExplainContext {
  return { distfilesVolume: command.caches.find((c) => c.role === 'distfiles')?.name ?? null, ...(command.binhosts ? { binhosts: command.binhosts } : {}) };
}


/** `cat/pn` of an atom or cpv text (`>=dev-libs/icu-76:=` → `dev-libs/icu`). */
function cpOfText(text: string): string {
  const parsed = parseAtom(text.trim());
  if (parsed.ok && parsed.atom.kind === 'package') return `${parsed.atom.category}/${parsed.atom.name}`;
  return cpOf(text.replace(/^[!<>=~]+/, '').split(/[:[]/)[0] ?? text);
}

/** Recipe packages (as written) that name this `cat/pn`. */
function recipeAtomsFor(recipe: Recipe | undefined, cp: string): string[] {
  return (recipe?.packages ?? []).filter((a) => cpOfText(a) === cp);
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function whoPulls(instance: ConflictInstance): string {
  const parents = instance.pulledBy.map((b) => b.parent);
  return parents.length > 0 ? parents.join(', ') : 'the recipe';
}

function inMergeList(packages: readonly PretendPackage[], cp: string): boolean {
  return packages.some((p) => p.kind !== 'blocks' && p.kind !== 'uninstall' && `${p.category}/${p.name}` === cp);
}

function explainBlocker(p: Extract<PretendProblem, { kind: 'blocker' }>, result: PretendResult, recipe: Recipe | undefined): Omit<ProblemExplanation, 'portageLines'> {
  const blockedCp = p.atom ? cpOfText(p.atom) : '';
  const carriers = p.blocking.length > 0 ? p.blocking : p.pulledIn.map((i) => i.cpv);
  const carrierCps = [...new Set(carriers.map(cpOfText))];
  if (!blockedCp || carrierCps.length === 0) {
    return { kind: 'blocker', severity: 'error', title: 'Packages that cannot be installed together', text: `${p.message}.`, fix: 'remove one of the packages involved from the recipe' };
  }
  const title = `${carrierCps.join(', ')} ${carrierCps.length === 1 ? 'blocks' : 'block'} ${blockedCp}`;
  const sentences = [`${listWords(carriers)} cannot be installed on the same system as ${blockedCp}${p.strength === 'hard' ? ' (a hard block: Portage will not swap one for the other)' : ''}.`];
  if (!inMergeList(result.packages, blockedCp)) sentences.push(`${blockedCp} is already installed (in the base image or pulled in by it).`);
  const asked = [...carrierCps, blockedCp].flatMap((cp) => recipeAtomsFor(recipe, cp));
  if (asked.length > 0) sentences.push(`The recipe asks for ${listWords(asked)}.`);
  // "X is pulled in by X" (the recipe's own argument) says nothing the sentence above does not.
  const pulled = p.pulledIn
    .filter((i) => i.pulledBy.some((b) => cpOfText(b.parent) !== cpOfText(i.cpv)))
    .map((i) => `${i.cpv} is pulled in by ${whoPulls(i)}`);
  if (pulled.length > 0) sentences.push(`${pulled.join('; ')}.`);
  return { kind: 'blocker', severity: 'error', title, text: sentences.join(' '), fix: 'both cannot be installed; remove one of them from the recipe' };
}

function explainSlotConflict(p: Extract<PretendProblem, { kind: 'slot-conflict' }>, recipe: Recipe | undefined): Omit<ProblemExplanation, 'portageLines'> {
  const [cp, slot] = p.slot.includes(':') ? [p.slot.slice(0, p.slot.indexOf(':')), p.slot.slice(p.slot.indexOf(':') + 1)] : [p.slot, ''];
  const needs = p.instances.map((i) => {
    const by = i.pulledBy.map((b) => (b.atom ? `${b.parent} needs ${b.atom}` : `${b.parent} needs it`)).join(', ');
    return `${by || 'something needs it'} (${i.cpv})`;
  });
  const parents = [...new Set(p.instances.flatMap((i) => i.pulledBy.map((b) => cpOfText(b.parent))).filter((x) => x.includes('/')))];
  const sentences = [`Only one version of ${cp || 'this package'} can be installed${slot ? ` in slot ${slot}` : ''}, but ${listWords(needs) || 'two versions were pulled in'}.`];
  const asked = parents.flatMap((c) => recipeAtomsFor(recipe, c));
  if (asked.length > 0) sentences.push(`The recipe asks for ${listWords(asked)}.`);
  const fix = parents.length > 1
    ? `both cannot be installed; remove one of ${listWords(parents)} from the recipe, or mask the version you do not want (package.mask)`
    : 'mask the version you do not want (package.mask), or try a larger --backtrack';
  return { kind: 'slot-conflict', severity: 'error', title: `Slot conflict: ${p.slot || 'two versions in one slot'}`, text: sentences.join(' '), fix };
}

function maskFix(reasons: readonly string[], atom: string): string {
  if (reasons.some((r) => r.includes('package.mask'))) return `the repository masks it on purpose (read the comment); only if you accept that, add ${atom} to the recipe's package.unmask`;
  if (reasons.some((r) => /^~\S+ keyword$/.test(r))) return `it is in the testing branch: accept it with a keyword entry (package.accept_keywords: ${atom} ${reasons.find((r) => r.endsWith(' keyword'))?.split(' ')[0] ?? '~amd64'})`;
  if (reasons.some((r) => r.includes('missing keyword'))) return `it has no keyword for this architecture: package.accept_keywords ${atom} ** (at your own risk)`;
  if (reasons.some((r) => r.includes('license'))) return 'accept its licence in the recipe (package.license)';
  return 'choose another version, or unmask it in the recipe';
}

/** Where files downloaded by hand must go for the build to see them. */
function downloadFix(context: ExplainContext): string {
  const volume = context.distfilesVolume;
  if (volume === null) return "the recipe has no distfiles cache: turn it on (caches.distfiles), copy its files into that volume (where to get them: Portage's instructions), then pretend again";
  return `copy its files into the distfiles cache volume${volume ? ` ${volume}` : ''} (where to get them: Portage's instructions), then pretend again`;
}

function explainFetchRestricted(p: Extract<PretendProblem, { kind: 'fetch-restricted' }>, result: PretendResult, context: ExplainContext): Omit<ProblemExplanation, 'portageLines'> {
  // Portage prints fetch instructions only for files missing from DISTDIR ("F"); "f" means they are there.
  const present = result.packages.some((pkg) => pkg.cpv === p.cpv && pkg.fetch === 'f');
  const instructions = p.details.join(' ');
  if (present) {
    return { kind: 'fetch-restricted', severity: 'warning', title: `${p.cpv} is fetch-restricted; its files are in the distfiles cache`, text: instructions, fix: null };
  }
  return {
    kind: 'fetch-restricted', severity: 'error', title: `${p.cpv} must be downloaded by hand`,
    text: 'Its files cannot be fetched automatically (RESTRICT=fetch) and are not in the distfiles cache: the build would fail fetching them.',
    fix: downloadFix(context),
  };
}

function explainOne(p: PretendProblem, result: PretendResult, recipe: Recipe | undefined, context: ExplainContext): Omit<ProblemExplanation, 'portageLines'> {
  switch (p.kind) {
    case 'blocker':
      return explainBlocker(p, result, recipe);
    case 'slot-conflict':
      return explainSlotConflict(p, recipe);
    case 'masked': {
      const reasons = [...new Set(p.candidates.flatMap((c) => c.reasons))];
      const which = p.candidates.map((c) => `${c.cpv} (${c.reasons.join(', ')})`);
      return {
        kind: 'masked', severity: 'error', title: `${p.atom} is masked`,
        text: `Every version that matches ${p.atom} is masked: ${listWords(which) || 'no candidate was listed'}.`,
        fix: maskFix(reasons, p.atom),
      };
    }
    case 'no-ebuilds':
      return explainNoEbuilds(p);
    case 'invalid-atom':
      return {
        kind: 'invalid-atom', severity: 'error', title: `'${p.atom}' is not a valid atom`,
        text: 'Portage cannot read this package name.', fix: 'write it as category/name, e.g. dev-lang/php or >=net-misc/curl-8.11',
      };
    case 'required-use': {
      const who = p.cpv ?? p.atom;
      return {
        kind: 'required-use', severity: 'error', title: `${who}: its USE flags break REQUIRED_USE`,
        text: `The flags chosen for ${who} do not meet ${p.unsatisfied ?? p.expression ?? 'its REQUIRED_USE'}.`,
        fix: `change its flags (package.use for ${cpOfText(who)}) so the constraint holds`,
      };
    }
    case 'fetch-restricted':
      return explainFetchRestricted(p, result, context);
    case 'other':
      return { kind: 'other', severity: 'warning', title: p.message, text: p.details.join(' '), fix: null };
  }
}

/** Every problem of a pretend run in words, in Portage's order. */
export function explainProblems(result: PretendResult, text: string, recipe?: Recipe, context: ExplainContext = {}): ProblemExplanation[] {
  const lines = portageLinesOf(text, result.problems);
  const hosts = context.binhosts ?? [];
  // With binhosts, "no binary packages to satisfy" (--getbinpkgonly) is a binhost's problem, said below.
  const binaryOnly = (p: PretendProblem) => hosts.length > 0 && p.kind === 'no-ebuilds' && p.message.startsWith('there are no binary packages');
  const own = result.problems.flatMap((p, i) => (binaryOnly(p) ? [] : [{ ...explainOne(p, result, recipe, context), portageLines: lines[i] ?? [] }]));
  if (hosts.length === 0) return own;
  return [...explainBinhostFailures(text, hosts, recipe?.binaries.onMissing ?? 'compile'), ...own];
}

/** `title: fix` — the one-line form for the CLI and the message line. */
export function problemLine(e: ProblemExplanation): string {
  return e.fix ? `${e.title}: ${e.fix}` : e.title;
}
