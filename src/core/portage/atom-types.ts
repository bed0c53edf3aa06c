// Types of package dependency atoms (PMS 8.3, EAPI 8) and package sets.
import type { Version, VersionOperator } from './version.js';

/** `!atom` (weak, "soft blocking") or `!!atom` (strong, "hard blocking"). */
export type Blocker = 'weak' | 'strong';

/**
 * A slot dependency: `:SLOT`, `:SLOT/SUB`, `:SLOT=`, `:SLOT/SUB=`, `:*` or `:=`.
 * `operator` is the trailing `=` (rebuild on sub-slot change) or `*` (any slot).
 */
export interface SlotDep {
  slot: string | null;
  subslot: string | null;
  operator: '*' | '=' | null;
}

/** How a USE dependency constrains the flag (PMS 8.3.4). */
export type UseDepKind =
  | 'enabled' //            flag
  | 'disabled' //           -flag
  | 'conditional' //        flag?
  | 'conditional-inverse' // !flag?
  | 'equal' //              flag=
  | 'equal-inverse'; //     !flag=

/** One entry of `[a,-b,c?,!d?,e=,!f=,g(+),h(-)]`. */
export interface UseDep {
  flag: string;
  kind: UseDepKind;
  /** `(+)` / `(-)`: the value assumed when the package lacks the flag. */
  default: '+' | '-' | null;
}

/** A package atom such as `>=dev-libs/openssl-3.0:0/3=::gentoo[ssl,-test]`. */
export interface PackageAtom {
  kind: 'package';
  blocker: Blocker | null;
  operator: VersionOperator | null;
  category: string;
  name: string;
  version: Version | null;
  /** The `=cat/pn-1.2*` form. */
  wildcard: boolean;
  slot: SlotDep | null;
  repo: string | null;
  /** null when the atom has no `[…]`. */
  useDeps: UseDep[] | null;
}

/** A package set such as `@world`. */
export interface SetAtom {
  kind: 'set';
  name: string;
}

export type Atom = PackageAtom | SetAtom;

/** Which part of an atom an error points at. */
export type AtomPart = 'atom' | 'blocker' | 'operator' | 'category' | 'name' | 'version' | 'slot' | 'repo' | 'use' | 'set';

/** An atom error the editor can underline: `offset`/`length` index into the text that was parsed. */
export interface AtomError {
  message: string;
  part: AtomPart;
  offset: number;
  length: number;
}

export type AtomResult = { ok: true; atom: Atom } | { ok: false; error: AtomError };
