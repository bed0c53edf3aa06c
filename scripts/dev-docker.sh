#!/usr/bin/env bash
# For developers: install the test prerequisites and start a Docker Engine when none answers.
# Stop it again with:  sudo kill "$(cat /tmp/gentoo-wb-dockerd.pid)"
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=engine-lib.sh
. scripts/engine-lib.sh
install_test_packages
ensure_dockerd /tmp/gentoo-wb-dockerd.log /tmp/gentoo-wb-dockerd.pid
echo "Portage wheel for the test image: $(bash scripts/portage-wheel.sh)"
if [ -s /tmp/gentoo-wb-dockerd.pid ]; then
  echo "dockerd pid $(cat /tmp/gentoo-wb-dockerd.pid); stop it with: sudo kill \"\$(cat /tmp/gentoo-wb-dockerd.pid)\""
fi
