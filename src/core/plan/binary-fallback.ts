// onMissing `compile` with binhosts: a binary package that fails its checksum or its signature must not
// end the build. Portage 3.0.82 does not fall back by itself, and fails that package so emerge exits
// non-zero, in one of two ways:
// - checksum: Binpkg runs BinpkgVerifier on a fetched package and, on a size or digest mismatch with the
//   binhost's Packages index, renames the file to `<name>._checksum_failure_.<random>` in its folder
//   (fetch.py _checksum_failure_temp_file);
// - signature: the file stays, and unpacking it (gpkg.py _verify_binpkg, through Binpkg._unpack_metadata)
//   raises InvalidSignature("GnuPG verification failed") when gpg rejects it, or MissingSignature
//   ("No signature provided", "<file> signature not found in <package>", "Manifest not found: <package>")
//   when a signature is required and absent; Binpkg._unpack_metadata_exit writes
//   `!!! Error extracting '<package path>', <exception>` to the package's build.log
//   (PORTAGE_TMPDIR/portage/CATEGORY/PF/temp/build.log; to the terminal too when emerge runs one job).
//   A DigestException there (the package's own Manifest disagrees with its files) counts as a checksum.
// - a package with pkg_pretend is unpacked earlier, in Scheduler._run_pkg_pretend, which prints the same
//   refusals to the terminal only, as `!!! Invalid binary package: '<package path>', <exception>`.
// The step runner then runs this constant script: it finds the packages refused so during the step (the
// step runner keeps a copy of the step's output for the last kind) and runs the same emerge once more with
// them in `--usepkg-exclude`, so they compile. Nothing here is built from user input.
import type { Recipe } from '../recipe/recipe-schema.js';
import type { ContainerStep, PlanFile } from './plan-types.js';

/** Where the step runner finds the script (beside itself; see step-runner.ts). */
const BINARY_FALLBACK_SCRIPT = '/var/lib/gentoo-wb/binary-fallback';

/** The line the script prints per rejected binary (the live pane shows it as it is; run-output parses it). */
const LINE = /^>>> gentoo-wb: the binary of (\S+) from (\S+) failed its (checksum|signature check): compiling it from source instead$/;

/** Why Portage refused a binary package: its checksum or its signature. */
export type BinaryRefusal = 'checksum' | 'signature';

/** The refusal reasons Portage 3.0.82 puts after `!!! Error extracting '<path>', ` (gpkg.py, see above). */
const SIGNATURE_REASONS = 'GnuPG verification failed|No signature provided|[^ ]+ signature not found in |Manifest not found: ';
const CHECKSUM_REASONS = '[^ ]+ checksum mismatched in |[^ ]+ file size mismatched in |[^ ]+ checksum not found in |[^ ]+ no supported checksum found in |Missing files: |Unknown files exists: ';

/**
 * What the fallback makes of the reason after `!!! Error extracting '<path>', `: the refusal it
 * compiles instead of, or null for one it leaves failing (no gpg in the base, an I/O error).
 */
export function unpackRefusal(reason: string): BinaryRefusal | null {
  if (new RegExp(`^(${SIGNATURE_REASONS})`).test(reason)) return 'signature';
  if (new RegExp(`^(${CHECKSUM_REASONS})`).test(reason)) return 'checksum';
  return null;
}

const SCRIPT = `#!/bin/sh
# gentoo-wb binary fallback. Arguments: the failed step's exit status, a file the runner touched when the
# step started, then the step's env "$@" (NAME=value lines, then the emerge argv). Portage keeps a package
# fetched from a binhost under its binrepos.conf location, /var/cache/binhost/SECTION/CATEGORY/PN/, and
# renames one that fails its checksum to *._checksum_failure_.* there. The rename is newer than the step's
# start by ctime (the file's mtime is the binhost's, set by the fetcher). A package whose signature (or own
# Manifest) fails while unpacking stays, and its build.log under PORTAGE_TMPDIR, written during the step,
# says "!!! Error extracting '/var/cache/binhost/SECTION/CATEGORY/PN/FILE', REASON". Each names a binhost
# and a CATEGORY/PN, which compiles when emerge runs again with --usepkg-exclude. The second emerge is the
# first one's argv plus that option, so the packages it names merge again (from their binaries, now local).
# A package with pkg_pretend is refused earlier, and only the step's output (the "output" file the runner
# writes beside the start file) says "!!! Invalid binary package: '/var/cache/binhost/…', REASON".
status=$1
started=$2
output=\${started%/*}/output
shift 2
cd /var/cache/binhost 2>/dev/null || exit "$status"
checksum=$(find . -mindepth 4 -maxdepth 4 -type f -name '*._checksum_failure_*' -cnewer "$started" | sed 's|^\\./||; s|/[^/]*$||' | sort -u)
cd /
tmp=$(portageq envvar PORTAGE_TMPDIR 2>/dev/null)
logs=$(find "\${tmp:-/var/tmp}/portage" -mindepth 4 -maxdepth 4 -type f -path '*/temp/build.log' -newer "$started" 2>/dev/null)
refused() {
  [ -n "$logs" ] || return 0
  # One path per line from the find above (Portage's CATEGORY/PF never hold a line break).
  printf '%s\\n' "$logs" | while IFS= read -r log; do
    sed -E -n "s#^.*!!! Error extracting '/var/cache/binhost/([^/']+/[^/']+/[^/']+)/[^']*', ($1).*\\$#\\1#p" "$log"
  done | sort -u
}
said() {
  [ -f "$output" ] || return 0
  sed -E -n "s#^!!! Invalid binary package: '/var/cache/binhost/([^/']+/[^/']+/[^/']+)/[^']*', ($1).*\\$#\\1#p" "$output" | sort -u
}
signature=$(printf '%s\\n%s\\n' "$(refused '${SIGNATURE_REASONS}')" "$(said '${SIGNATURE_REASONS}')" | sed '/^$/d' | sort -u)
checksum=$(printf '%s\\n%s\\n%s\\n' "$checksum" "$(refused '${CHECKSUM_REASONS}')" "$(said '${CHECKSUM_REASONS}')" | sed '/^$/d' | sort -u)
[ -n "$checksum$signature" ] || exit "$status"
excluded=
for entry in $checksum; do
  echo ">>> gentoo-wb: the binary of \${entry#*/} from \${entry%%/*} failed its checksum: compiling it from source instead"
  excluded="\${excluded:+$excluded }\${entry#*/}"
done
for entry in $signature; do
  echo ">>> gentoo-wb: the binary of \${entry#*/} from \${entry%%/*} failed its signature check: compiling it from source instead"
  excluded="\${excluded:+$excluded }\${entry#*/}"
done
exec env "$@" --usepkg-exclude "$excluded"
`;

/** True when a step's binaries may be replaced by compiling: emerge fetches from binhosts and the recipe allows compiling. */
function fallsBack(recipe: Recipe, step: ContainerStep): boolean {
  return recipe.binaries.onMissing === 'compile' && step.output === 'emerge' && step.argv.includes('--getbinpkg') && !step.argv.includes('--getbinpkgonly');
}

/** The steps with `binaryFallback` set where it applies, and the script file when any step has it. */
export function withBinaryFallback(recipe: Recipe, steps: ContainerStep[]): { steps: ContainerStep[]; files: PlanFile[] } {
  const marked = steps.map((s) => (fallsBack(recipe, s) ? { ...s, binaryFallback: true } : s));
  const any = marked.some((s) => s.binaryFallback);
  return { steps: marked, files: any ? [{ path: BINARY_FALLBACK_SCRIPT, content: SCRIPT, mode: 0o755 }] : [] };
}

/** A rejected binary as the script printed it: the package (CATEGORY/PN), the binrepos.conf section it came from, and why. */
export function parseBinaryFallbackLine(line: string): { cp: string; hosts: string[]; reason: BinaryRefusal } | null {
  const m = LINE.exec(line);
  return m ? { cp: m[1] as string, hosts: [m[2] as string], reason: m[3] === 'checksum' ? 'checksum' : 'signature' } : null;
}
