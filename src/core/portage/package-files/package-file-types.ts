// Types of the /etc/portage/package.* files (and profile `packages`, `package.provided`).
import type { PackageAtom } from '../atom-types.js';

export type PackageFileKind =
  | 'package.use'
  | 'package.accept_keywords'
  | 'package.mask'
  | 'package.unmask'
  | 'package.license'
  | 'package.env'
  | 'package.properties'
  | 'package.accept_restrict'
  | 'package.provided'
  | 'packages';

/** A problem with one token of an entry, pointing into the line. */
export interface EntryProblem {
  message: string;
  offset: number;
}

export type PackageFileLine =
  | { kind: 'blank'; raw: string; line: number }
  | { kind: 'comment'; raw: string; line: number; text: string }
  | {
      kind: 'entry';
      raw: string;
      line: number;
      /** The atom as written (without a `-`/`*` prefix of profile files). */
      atomText: string;
      atom: PackageAtom;
      /** Tokens after the atom: flags, keywords, licences or env file names. */
      values: string[];
      /** package.use only: values with `VAR: a b` groups expanded to flags (`var_a`). */
      flags?: string[];
      /** `-atom` (profile package.mask, packages): removes an inherited entry. */
      negated: boolean;
      /** `*atom` in profile `packages`: part of the system set. */
      system: boolean;
      comment: string | null;
      problems: EntryProblem[];
    }
  | { kind: 'invalid'; raw: string; line: number; message: string; offset: number };

export type PackageEntry = Extract<PackageFileLine, { kind: 'entry' }>;

export interface PackageFileDoc {
  kind: PackageFileKind;
  /** File name within a directory form (`zz-autounmask`), or null for a single file. */
  name: string | null;
  lines: PackageFileLine[];
}
