// Formats atoms back to text; for every valid atom, formatAtom(parseAtom(s)) === s.
import type { Atom, SlotDep, UseDep } from './atom-types.js';

/** `:SLOT/SUB=` text of a slot dependency (with the leading colon). */
function formatSlotDep(slot: SlotDep): string {
  if (slot.slot === null) return `:${slot.operator ?? ''}`;
  const sub = slot.subslot === null ? '' : `/${slot.subslot}`;
  return `:${slot.slot}${sub}${slot.operator === '=' ? '=' : ''}`;
}

/** One USE dependency entry as written inside `[…]`. */
function formatUseDep(dep: UseDep): string {
  const flag = dep.default ? `${dep.flag}(${dep.default})` : dep.flag;
  switch (dep.kind) {
    case 'enabled':
      return flag;
    case 'disabled':
      return `-${flag}`;
    case 'conditional':
      return `${flag}?`;
    case 'conditional-inverse':
      return `!${flag}?`;
    case 'equal':
      return `${flag}=`;
    case 'equal-inverse':
      return `!${flag}=`;
  }
}

/** Formats an atom as Portage writes it: blocker, operator, cat/pn[-ver[*]], :slot, ::repo, [use]. */
export function formatAtom(atom: Atom): string {
  if (atom.kind === 'set') return `@${atom.name}`;
  let out = atom.blocker === 'strong' ? '!!' : atom.blocker === 'weak' ? '!' : '';
  out += atom.operator ?? '';
  out += `${atom.category}/${atom.name}`;
  if (atom.version) out += `-${atom.version.text}${atom.wildcard ? '*' : ''}`;
  if (atom.slot) out += formatSlotDep(atom.slot);
  if (atom.repo !== null) out += `::${atom.repo}`;
  if (atom.useDeps) out += `[${atom.useDeps.map(formatUseDep).join(',')}]`;
  return out;
}
