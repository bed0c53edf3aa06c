# Shared by .ci/run and scripts/dev-docker.sh: install what the tests need from Debian and make sure a
# Docker Engine answers. Sourced, not run.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

static_busybox() {
  [ -x /usr/bin/busybox ] && ! ldd /usr/bin/busybox >/dev/null 2>&1
}

install_test_packages() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  static_busybox || need+=(busybox-static)
  command -v podman >/dev/null 2>&1 || need+=(podman)
  command -v tmux >/dev/null 2>&1 || need+=(tmux)
  command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)
  # The real-Portage test image: a Debian root made from Debian's packages.
  command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
  # A second engine for the farm and fault tests: dockerd in a network namespace, reached over TLS
  # (certificates made with openssl) and over ssh (Debian's sshd).
  command -v ip >/dev/null 2>&1 || need+=(iproute2)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  [ -x /usr/sbin/sshd ] || need+=(openssh-server)
  if [ "${#need[@]}" -gt 0 ]; then
    echo "installing from Debian: ${need[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

engine_answers() {
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# Start dockerd when none answers; logs to $1; waits up to 60 s for /_ping.
ensure_dockerd() {
  local log="$1" pidfile="$2"
  if engine_answers; then
    echo "Docker Engine already answers: $(docker version --format '{{.Server.Version}}')"
    return 0
  fi
  echo "starting dockerd (log: $log)"
  as_root sh -c "nohup dockerd >'$log' 2>&1 & echo \$! >'$pidfile'"
  for _ in $(seq 1 60); do
    if engine_answers; then
      echo "Docker Engine up: $(docker version --format '{{.Server.Version}}')"
      return 0
    fi
    sleep 1
  done
  echo "dockerd did not answer within 60 s; last lines of $log:" >&2
  tail -n 30 "$log" >&2 || true
  return 1
}
