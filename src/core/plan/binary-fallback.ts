// onMissing `compile` with binhosts: a binary package that fails its checksum must not end the build.
// Portage 3.0.82 does not fall back by itself: Binpkg runs BinpkgVerifier on a fetched package and, on a
// size or digest mismatch with the binhost's Packages index, renames the file to
// `<name>._checksum_failure_.<random>` in its folder (fetch.py _checksum_failure_temp_file)
// and fails that package, so emerge exits non-zero. The step runner then runs this constant script: it
// finds the packages whose fetched binary was renamed so during the step and runs the same emerge once
// more with them in `--usepkg-exclude`, so they compile. Nothing here is built from user input. (A package
// whose signature fails is refused while unpacking, with no such file: the build fails as before.)
import type { Recipe } from '../recipe/recipe-schema.js';
import type { ContainerStep, PlanFile } from './plan-types.js';

/** Where the step runner finds the script (beside itself; see step-runner.ts). */
const BINARY_FALLBACK_SCRIPT = '/var/lib/gentoo-wb/binary-fallback';

/** The line the script prints per rejected binary (the live pane shows it as it is; run-output parses it). */
const LINE = /^>>> gentoo-wb: the binary of (\S+) from (\S+) failed its checksum: compiling it from source instead$/;

const SCRIPT = `#!/bin/sh
# gentoo-wb binary fallback. Arguments: the failed step's exit status, a file the runner touched when the
# step started, then the step's env "$@" (NAME=value lines, then the emerge argv). Portage keeps a package
# fetched from a binhost under its binrepos.conf location, /var/cache/binhost/SECTION/CATEGORY/PN/, and
# renames one that fails its checksum to *._checksum_failure_.* there. The rename is newer than the step's
# start by ctime (the file's mtime is the binhost's, set by the fetcher). Each such file names a binhost
# and a CATEGORY/PN, which compiles when emerge runs again with --usepkg-exclude. The second emerge is the
# first one's argv plus that option, so the packages it names merge again (from their binaries, now local).
status=$1
started=$2
shift 2
cd /var/cache/binhost 2>/dev/null || exit "$status"
rejected=$(find . -mindepth 4 -maxdepth 4 -type f -name '*._checksum_failure_*' -cnewer "$started" | sed 's|^\\./||; s|/[^/]*$||' | sort -u)
cd /
[ -n "$rejected" ] || exit "$status"
excluded=
for entry in $rejected; do
  section=\${entry%%/*}
  cp=\${entry#*/}
  echo ">>> gentoo-wb: the binary of $cp from $section failed its checksum: compiling it from source instead"
  excluded="\${excluded:+$excluded }$cp"
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

/** A rejected binary as the script printed it: the package (CATEGORY/PN) and the binrepos.conf section it came from. */
export function parseBinaryFallbackLine(line: string): { cp: string; hosts: string[] } | null {
  const m = LINE.exec(line);
  return m ? { cp: m[1] as string, hosts: [m[2] as string] } : null;
}
