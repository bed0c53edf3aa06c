// Commands that start an engine, Gentoo's OpenRC way first with the systemd equivalent beside it.

/** How to start whichever engine should own this socket path. */
export function startEngineFix(socketPath: string): string[] {
  if (socketPath.includes('/podman/')) {
    if (socketPath.startsWith('/run/podman')) {
      return [
        'systemctl enable --now podman.socket   # systemd',
        'podman system service --time 0 unix:///run/podman/podman.sock &   # OpenRC or no init integration',
      ];
    }
    return [
      'systemctl --user enable --now podman.socket   # systemd',
      'podman system service --time 0 "unix://$XDG_RUNTIME_DIR/podman/podman.sock" &   # without systemd',
    ];
  }
  if (socketPath.endsWith('/docker.sock') && !/^\/(var\/)?run\/docker\.sock$/.test(socketPath)) {
    return ['systemctl --user start docker   # rootless Docker under systemd', 'dockerd-rootless.sh &   # rootless Docker without systemd'];
  }
  return [
    'rc-service docker start && rc-update add docker default   # OpenRC (Gentoo)',
    'systemctl enable --now docker   # systemd',
    '# not installed yet? emerge --ask app-containers/docker app-containers/docker-cli',
  ];
}
