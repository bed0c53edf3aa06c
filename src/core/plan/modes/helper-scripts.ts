// Constant POSIX sh helpers the mode steps run in the builder. Like the step runner they are never
// assembled from the recipe: paths, names and atoms reach them as arguments ("$@"), so they are
// data. They use only what both a Gentoo stage3 (coreutils, gawk, tar) and busybox provide.
import type { PlanFile } from '../plan-types.js';
import { HELPER_DIR, STUB_BIN_DIR } from './mode-paths.js';

export type HelperName = 'eselect-links' | 'copy-into-root' | 'root-users' | 'capture-packages' | 'cpu-facts' | 'locale-gen';

/** Absolute path of a helper in the builder. */
export function helperPath(name: HelperName): string {
  return `${HELPER_DIR}/${name}`;
}

/** The no-op eselect put first on PATH for emerge into ROOT. */
const ESELECT_STUB_PATH = `${STUB_BIN_DIR}/eselect`;

const ESELECT_STUB = `#!/bin/sh
# gentoo-wb: a no-op eselect for emerge into ROOT. eselect manages the links of the running system
# and cannot make them under ROOT; the links the image needs are made after the emerge.
echo "gentoo-wb: skipped 'eselect $*' under ROOT=\${ROOT:-/} (a no-op stand-in is first on PATH); the link it manages is made after the emerge"
exit 0
`;

const SCRIPTS: Record<HelperName, string> = {
  'eselect-links': `#!/bin/sh
# gentoo-wb: make the links eselect would have made, inside ROOT. Arguments: ROOT, then pairs of
# LINK PATTERN (paths inside ROOT; PATTERN is a glob from gentoo-wb's own table). The newest match
# in version order becomes the target; nothing happens when the link exists or nothing matches.
set -u
root=$1
shift
while [ "$#" -ge 2 ]; do
  link=$1
  pattern=$2
  shift 2
  if [ -e "$root$link" ] || [ -L "$root$link" ]; then continue; fi
  best=$(ls -d "$root"$pattern 2>/dev/null | sort -V | tail -n 1)
  [ -n "$best" ] || continue
  target=\${best#"$root"}
  if [ "\${target%/*}" = "\${link%/*}" ]; then target=\${target##*/}; fi
  mkdir -p "$root\${link%/*}" || exit 1
  ln -s "$target" "$root$link" || exit 1
  echo "gentoo-wb: made $link -> $target in ROOT=$root (what eselect does on a running system; the newest of $pattern)"
done
`,
  'copy-into-root': `#!/bin/sh
# gentoo-wb: copy builder files to the same paths under DEST, links as links, through one tar
# archive. LIST holds absolute paths, one per line, as a package's CONTENTS names them; paths gone
# from the builder are reported and skipped. Arguments: DEST LIST
set -u
dest=$1
list=$2
set --
while IFS= read -r p || [ -n "$p" ]; do
  [ -n "$p" ] || continue
  if [ -e "$p" ] || [ -L "$p" ]; then
    set -- "$@" "\${p#/}"
  else
    echo "gentoo-wb: not copied (no longer in the builder): $p"
  fi
done < "$list"
[ "$#" -gt 0 ] || { echo "gentoo-wb: nothing to copy into $dest"; exit 0; }
archive=/var/tmp/gentoo-wb-copy.$$.tar
mkdir -p "$dest" && tar -c -f "$archive" -C / "$@" && tar -x -f "$archive" -C "$dest"
status=$?
rm -f "$archive"
[ "$status" -eq 0 ] && echo "gentoo-wb: copied $# files into $dest"
exit "$status"
`,
  'root-users': `#!/bin/sh
# gentoo-wb: the accounts an image needs under ROOT: root, and the image's USER with its group,
# taken from ROOT when a package made them, else copied from the builder, else created.
# Arguments: ROOT [USER[:GROUP]] (names or numbers; numbers need no entry).
set -u
root=$1
spec=\${2-}
etc=$root/etc
mkdir -p "$etc" || exit 1
touch "$etc/passwd" "$etc/group" || exit 1
has() { awk -F: -v n="$2" '$1 == n { found = 1 } END { exit !found }' "$1"; }
has_gid() { awk -F: -v n="$2" '$3 == n { found = 1 } END { exit !found }' "$1"; }
numeric() { case $1 in ''|*[!0-9]*) return 1 ;; esac; }
next_id() { awk -F: 'BEGIN { m = 999 } $3 > m && $3 < 60000 { m = $3 } END { print m + 1 }' "$1"; }
if ! has "$etc/passwd" root; then echo 'root:x:0:0:root:/root:/sbin/nologin' >> "$etc/passwd"; echo "gentoo-wb: added root to $etc/passwd"; fi
if ! has "$etc/group" root; then echo 'root:x:0:' >> "$etc/group"; echo "gentoo-wb: added root to $etc/group"; fi
[ -n "$spec" ] || exit 0
user=\${spec%%:*}
group=
case $spec in *:*) group=\${spec#*:} ;; esac
ensure_group() {
  numeric "$1" && return 0
  has "$etc/group" "$1" && return 0
  line=$(awk -F: -v n="$1" '$1 == n { print $1 ":" $2 ":" $3 ":"; exit }' /etc/group 2>/dev/null)
  if [ -n "$line" ]; then
    echo "$line" >> "$etc/group"
    echo "gentoo-wb: copied group $1 from the builder into $etc/group"
  else
    gid=$(next_id "$etc/group")
    echo "$1:x:$gid:" >> "$etc/group"
    echo "gentoo-wb: created group $1 (gid $gid) in $etc/group"
  fi
}
if ! numeric "$user" && ! has "$etc/passwd" "$user"; then
  line=$(awk -F: -v n="$user" '$1 == n { print; exit }' /etc/passwd 2>/dev/null)
  if [ -n "$line" ]; then
    echo "$line" >> "$etc/passwd"
    gid=$(echo "$line" | cut -d: -f4)
    if ! has_gid "$etc/group" "$gid"; then
      gline=$(awk -F: -v n="$gid" '$3 == n { print $1 ":" $2 ":" $3 ":"; exit }' /etc/group 2>/dev/null)
      [ -n "$gline" ] && echo "$gline" >> "$etc/group"
    fi
    echo "gentoo-wb: copied user $user from the builder into $etc/passwd"
  else
    primary=\${group:-$user}
    ensure_group "$primary"
    if numeric "$primary"; then gid=$primary; else gid=$(awk -F: -v n="$primary" '$1 == n { print $3; exit }' "$etc/group"); fi
    uid=$(next_id "$etc/passwd")
    echo "$user:x:$uid:$gid:$user:/var/empty:/sbin/nologin" >> "$etc/passwd"
    echo "gentoo-wb: created user $user (uid $uid, gid $gid) in $etc/passwd"
  fi
fi
[ -z "$group" ] || ensure_group "$group"
`,
  'capture-packages': `#!/bin/sh
# gentoo-wb: keep ROOT's package database and every file's size before the image is stripped, for
# the build record (gentoo-wb reads OUT from the stopped builder). Each extra VDB_DIR (the C library
# package, copied from the builder's database) joins the copy. Arguments: ROOT OUT [VDB_DIR...]
set -u
root=$1
out=$2
shift 2
rm -rf "$out"
mkdir -p "$out/pkg" || exit 1
if [ -d "$root/var/db/pkg" ]; then cp -a "$root/var/db/pkg/." "$out/pkg/" || exit 1; fi
for dir in "$@"; do
  if [ ! -d "$dir" ]; then echo "gentoo-wb: $dir is not in the builder; not captured"; continue; fi
  category=\${dir%/*}
  category=\${category##*/}
  mkdir -p "$out/pkg/$category" && cp -a "$dir" "$out/pkg/$category/" || exit 1
done
# Sizes as "SIZE ./path", relative to ROOT.
(cd "$root" && find . -type f -exec stat -c '%s %n' {} +) > "$out/sizes" || exit 1
echo "gentoo-wb: captured $(ls -d "$out"/pkg/*/* 2>/dev/null | wc -l) packages and $(wc -l < "$out/sizes") file sizes of $root"
`,
  'locale-gen': `#!/bin/sh
# gentoo-wb: compile only the locales /etc/locale.gen names, with the base's locale-gen (Gentoo's
# sys-apps/locale-gen). A base without one (a Debian C library, a trimmed base) cannot compile
# locales at all: the image keeps the compiled locales the base has, and this says so instead of
# failing the build after its emerge. Arguments: passed to locale-gen.
set -u
if command -v locale-gen >/dev/null 2>&1; then exec locale-gen "$@"; fi
have=$(ls /usr/lib/locale 2>/dev/null | tr '\\n' ' ')
have=\${have% }
echo "gentoo-wb: the base has no locale-gen (Gentoo's sys-apps/locale-gen): the locales of /etc/locale.gen are not generated; the image keeps the compiled locales the base has (/usr/lib/locale: \${have:-none})"
exit 0
`,
  'cpu-facts': `#!/bin/sh
# gentoo-wb: which CPU a stage4 build targets, written to OUT as key=value lines for the image
# labels. With gcc: what -march resolves to and the instruction-set options it enables beyond
# BASELINE; without gcc: the engine host's CPU flags from /proc/cpuinfo. Arguments: OUT MARCH [BASELINE]
set -u
out=$1
march=$2
baseline=\${3-}
mkdir -p "\${out%/*}" || exit 1
tmp=/var/tmp/gentoo-wb-cpu.$$
enabled() { gcc -march="$1" -Q --help=target 2>/dev/null | awk '$NF == "[enabled]" && $1 ~ /^-m/ { print substr($1, 3) }' | sort; }
resolved=
if command -v gcc >/dev/null 2>&1 && gcc -march="$march" -Q --help=target >/dev/null 2>&1; then
  source=gcc
  resolved=$(gcc -march="$march" -Q --help=target 2>/dev/null | awk '$1 == "-march=" { print $2; exit }')
  enabled "$march" > "$tmp.target"
  : > "$tmp.base"
  [ -z "$baseline" ] || enabled "$baseline" > "$tmp.base"
  flags=$(awk 'NR == FNR { base[$0] = 1; next } !($0 in base)' "$tmp.base" "$tmp.target" | tr '\\n' ' ')
  rm -f "$tmp.target" "$tmp.base"
else
  flags=$(awk -F': ' '/^(flags|Features)[[:space:]]*:/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
  source=cpuinfo
  [ -n "$flags" ] || source=none
fi
{ echo "march=$march"; echo "resolved=$resolved"; echo "source=$source"; echo "flags=$flags"; } > "$out" || exit 1
echo "gentoo-wb: building for -march=$march\${resolved:+ ($resolved)}; CPU flags from $source: $flags"
`,
};

/** The helper files to upload for the named helpers. */
export function helperFiles(names: readonly HelperName[]): PlanFile[] {
  return [...new Set(names)].map((name) => ({ path: helperPath(name), content: SCRIPTS[name], mode: 0o755 }));
}

/** The no-op eselect file. */
export function eselectStubFile(): PlanFile {
  return { path: ESELECT_STUB_PATH, content: ESELECT_STUB, mode: 0o755 };
}
