#!/usr/bin/env bash
# Fetches the pinned Portage source from PyPI and builds a pure wheel of it (no native extensions), which
# the real-Portage test image installs without network. Prints the wheel's path. Used by .ci/run,
# scripts/dev-docker.sh and, when the wheel is missing, by the test suite's global setup.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
req="$root/test/fixtures/portage-image/requirements.txt"
build_req="$root/test/fixtures/portage-image/build-requirements.txt"
cache="${GENTOO_WB_PORTAGE_CACHE:-$root/.cache/portage}"
version=$(sed -n 's/^portage==\([^ ]*\).*/\1/p' "$req")
wheel="$cache/portage-$version-py3-none-any.whl"
if [ -s "$wheel" ]; then echo "$wheel"; exit 0; fi

mkdir -p "$cache"
python3 -m venv "$cache/build-venv" >&2
export PATH="$cache/build-venv/bin:$PATH"
pip install --quiet --disable-pip-version-check -r "$build_req" >&2
pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: --no-build-isolation --require-hashes \
  -r "$req" -d "$cache/sdist" >&2
pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w "$cache.tmp-$$" \
  -Csetup-args=-Dnative-extensions=false -Csetup-args=-Dsystem-wide=false "$cache/sdist/portage-$version.tar.gz" >&2
mv "$cache.tmp-$$/portage-$version-py3-none-any.whl" "$wheel"
rm -rf "$cache.tmp-$$"
echo "$wheel"
