#!/bin/bash
# Captures real Portage outputs from the real-Portage test base into test/fixtures/portage-transcripts/
# (NAME.txt = stdout and stderr together, NAME.cmd = image, command, environment, exit status), for the
# parser tests. Usage: test/real-portage/capture-transcripts.sh gentoo-wb-test/portage-base:<hash>
# Every container is named gwb-repo-capture-* and removed afterwards. Test infrastructure only.
set -euo pipefail
image=${1:?usage: $0 gentoo-wb-test/portage-base:<hash>}
out="$(cd "$(dirname "$0")/../fixtures" && pwd)/portage-transcripts"
mkdir -p "$out"

# capture NAME SECONDS SETUP COMMAND NOTE: runs SETUP (output not kept), then COMMAND, in one fresh container.
capture() {
  local name=$1 seconds=$2 setup=$3 command=$4 note=$5 status
  docker rm -f "gwb-repo-capture-$name" >/dev/null 2>&1 || true
  set +e
  docker run --name "gwb-repo-capture-$name" --network none -e GWB_TEST_COMPILE_SECONDS="$seconds" "$image" \
    bash -c "$setup >/tmp/setup.log 2>&1 || { cat /tmp/setup.log; exit 99; }; $command 2>&1" > "$out/$name.txt"
  status=$?
  set -e
  docker rm -f "gwb-repo-capture-$name" >/dev/null
  [ "$status" != 99 ] || { echo "setup of $name failed:" >&2; cat "$out/$name.txt" >&2; exit 1; }
  {
    echo "image: $image (Debian bookworm + Portage 3.0.82 from PyPI, profile test/amd64; test/fixtures/portage-image/README.md)"
    echo "network: none"
    echo "env: GWB_TEST_COMPILE_SECONDS=$seconds (each ebuild's src_compile pause); make.conf FEATURES=\"-sandbox -usersandbox -ipc-sandbox -network-sandbox -pid-sandbox -news\""
    echo "stdout and stderr: one file (2>&1), no TTY"
    [ "$setup" = true ] || echo "before (output not kept): $setup"
    echo "command: $command"
    echo "exit: $status"
    echo "repository: test/fixtures/portage-repo (the image's /var/db/repos/gentoo); installed: @system of the image (glibc, zlib-1.3.1, eselect, which)"
    echo "$note"
  } > "$out/$name.cmd"
  echo "$name: exit $status, $(wc -l < "$out/$name.txt") lines"
}

capture jobs3-merge-wait 4 true \
  'emerge --color=n --jobs 3 app-misc/newtool app-misc/oldtool app-misc/hello' \
  'Three independent packages, each pausing 4 s in src_compile: the Jobs lines show 3 running, then "merge wait" while one merge runs at a time (FEATURES=merge-wait is a default).'
capture pretend-binpkg-respect-use-hurl 0 'emerge --color=n --buildpkg net-misc/curl' \
  'emerge --pretend --verbose --usepkg --binpkg-respect-use=y --color=n net-misc/hurl' \
  'curl is installed and has a binary package, both built without http2 (the profile default); hurl needs net-misc/curl[http2].'
capture pretend-use-change-hurl 0 true \
  'emerge --pretend --verbose --color=n net-misc/hurl' \
  'Nothing of curl installed: the USE change request for net-misc/curl[http2], three levels deep.'
capture build-failure-brokentool 0 true \
  'emerge --color=n dev-util/brokentool' \
  'src_compile runs gcc on a file with a syntax error; the ebuild dies with "emake failed".'
capture root-foo-tool 0 true \
  'ROOT=/tmp/r emerge --verbose --color=n sys-libs/glibc app-misc/foo-tool' \
  'Into an empty ROOT: libfoo goes both to /tmp/r (RDEPEND) and to / (DEPEND, SYSROOT=/).'
