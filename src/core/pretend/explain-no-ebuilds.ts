// "there are no ebuilds (built with USE flags) to satisfy ATOM" in words. The atom is often not the
// recipe's: a package the recipe asks for depends on it. Portage's dependency chain says which, so
// the recipe is blamed only when the chain starts at one of its own arguments (or there is none).
import { cpOf } from '../portage/names.js';
import type { PretendProblem, UseDepCandidate } from '../portage/pretend/pretend-types.js';
import type { ProblemExplanation } from './problem-explanation.js';

type NoEbuilds = Extract<PretendProblem, { kind: 'no-ebuilds' }>;

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `net-misc/hurl-6.0::gentoo` → `net-misc/hurl-6.0`. */
function withoutRepo(parent: string): string {
  return parent.replace(/::\S+$/, '');
}

/** Who needs the atom: the nearest package (null when the recipe's argument is the atom itself) and the recipe argument at the chain's end. */
function whoNeeds(p: NoEbuilds): { parent: string | null; argument: string | null } {
  const first = p.requiredBy[0];
  const root = [...p.requiredBy].reverse().find((r) => r.type === 'argument' || r.type === 'set');
  const parent = first && first.type !== 'argument' && first.type !== 'set' ? withoutRepo(first.parent) : null;
  return { parent, argument: root?.parent ?? null };
}

function flagWords(flags: readonly string[]): string {
  return flags.map((f) => (f.startsWith('-') ? f : `+${f}`)).join(' ');
}

function useChange(p: NoEbuilds, c: UseDepCandidate, parent: string | null): Omit<ProblemExplanation, 'portageLines'> {
  const cp = cpOf(c.cpv);
  const line = `>=${c.cpv} ${c.useChanges.join(' ')}`;
  const needer = parent ?? 'The recipe';
  const sentences = [`${needer} ${parent ? 'depends on' : 'asks for'} ${p.atom}; ${c.cpv} is not built that way and needs USE ${flagWords(c.useChanges)}.`];
  if (c.violation) sentences.push(`Portage warns: ${c.violation}.`);
  return {
    kind: 'no-ebuilds', severity: 'error', title: `${cp} needs USE ${flagWords(c.useChanges)}`,
    text: sentences.join(' '),
    fix: `add ${line} to the recipe's package.use (gentoo-wb pretend --apply writes it)`,
    byChanges: true,
  };
}

function missingIuse(p: NoEbuilds, c: UseDepCandidate, who: { parent: string | null; argument: string | null }): Omit<ProblemExplanation, 'portageLines'> {
  const cp = cpOf(c.cpv);
  const flags = c.missingIuse.join(' ');
  const plural = c.missingIuse.length === 1 ? 'flag' : 'flags';
  if (who.parent) {
    return {
      kind: 'no-ebuilds', severity: 'error', title: `${cp} has no USE ${plural} ${flags}`,
      text: `${who.parent} depends on ${p.atom}, but ${c.cpv} has no USE ${plural} ${flags}, and no USE setting can add one.`,
      fix: `the repository cannot satisfy ${who.parent}; ${who.argument ? `remove ${who.argument} from the recipe` : 'remove what pulls it in from the recipe'} or use a repository where ${cp} has ${flags}`,
    };
  }
  return {
    kind: 'no-ebuilds', severity: 'error', title: `${cp} has no USE ${plural} ${flags}`,
    text: `The recipe asks for ${p.atom}, but ${c.cpv} has no USE ${plural} ${flags}.`,
    fix: `correct or remove ${p.atom} in the recipe's packages`,
  };
}

/** The explanation of a no-ebuilds problem (a missing package, a missing set, or USE flags that do not fit). */
export function explainNoEbuilds(p: NoEbuilds): Omit<ProblemExplanation, 'portageLines'> {
  const who = whoNeeds(p);
  const changing = p.candidates.find((c) => c.useChanges.length > 0);
  if (changing) return useChange(p, changing, who.parent);
  const missing = p.candidates.find((c) => c.missingIuse.length > 0);
  if (missing) return missingIuse(p, missing, who);
  const set = p.atom.startsWith('@');
  const maybe = p.suggestions.length > 0 ? ` Did you mean ${listWords(p.suggestions.slice(0, 5))}?` : '';
  if (who.parent) {
    return {
      kind: 'no-ebuilds', severity: 'error', title: `No package matches ${p.atom}`,
      text: `${who.parent} depends on ${p.atom}, but the repository has no ${p.useDeps ? 'version with fitting USE flags' : 'ebuild for it'}.${maybe}`,
      fix: `the repository cannot satisfy ${who.parent}; ${who.argument ? `remove ${who.argument} from the recipe` : 'remove what pulls it in from the recipe'} or add a repository that has ${p.atom}`,
    };
  }
  return {
    kind: 'no-ebuilds', severity: 'error', title: set ? `There is no set ${p.atom}` : `No package matches ${p.atom}`,
    text: `${set ? 'Portage knows no such set.' : `The repository has no ebuild for ${p.atom}.`}${maybe}`,
    fix: `correct or remove ${p.atom} in the recipe's packages`,
  };
}
