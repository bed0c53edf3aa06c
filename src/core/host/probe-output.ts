// The container probe's script and the parser of what it prints. The script is ours and fixed:
// it needs only /bin/sh (busybox is enough) and prints `key=value` lines.
import { PROBE_NAMESPACES, type ProbeFacts, type ProbeNamespace, type UnshareResult } from './facts.js';

/** Where the probe asks the engine for a tmpfs, the way a build would use it. */
export const PROBE_TMPFS_PATH = '/var/tmp/portage';

const UNSHARE_FLAGS: Record<ProbeNamespace, string> = { ipc: '-i', net: '-n', pid: '-p -f', mount: '-m', uts: '-u', user: '-U' };

/** The shell script the probe container runs (no user input goes into it). */
export const PROBE_SCRIPT = [
  'u=""; t=none',
  // An unquoted echo folds busybox's one-per-line applet list into words for `case`.
  'if command -v unshare >/dev/null 2>&1; then u=unshare; t=unshare',
  'else bl=$(busybox --list 2>/dev/null); bl=$(echo $bl); case " $bl " in *" unshare "*) u="busybox unshare"; t=busybox;; esac; fi',
  'echo "tool=$t"',
  'try() { n=$1; shift; if [ -z "$u" ]; then echo "ns.$n=missing"; return; fi; e=$($u "$@" /bin/sh -c : 2>&1); echo "ns.$n=$?"; echo "$e" | while IFS= read -r l; do echo "ns.$n.err=$l"; done; }',
  ...PROBE_NAMESPACES.map((ns) => `try ${ns} ${UNSHARE_FLAGS[ns]}`),
  'while IFS= read -r l; do case "$l" in CapEff:*) echo "cap=${l#CapEff:}";; Seccomp:*) echo "seccomp=${l#Seccomp:}";; esac; done < /proc/self/status',
  `while read -r s m f o r; do [ "$m" = ${PROBE_TMPFS_PATH} ] && echo "tmpfs.fs=$f" && echo "tmpfs.opts=$o"; done < /proc/mounts`,
  `if echo probe > ${PROBE_TMPFS_PATH}/.gentoo-wb-probe 2>/dev/null; then echo tmpfs.write=ok; else echo tmpfs.write=no; fi`,
  // The engine's CPU (a container sees the host's /proc/cpuinfo): x86-64-v3 binary packages need its flags.
  'while IFS= read -r l; do case "$l" in flags*) echo "cpu.flags=${l#*:}"; break;; esac; done < /proc/cpuinfo',
  'if command -v python3 >/dev/null 2>&1; then python3 -c "$GWB_PTRACE_TEST" 2>/dev/null || echo ptrace=denied; else echo ptrace=untested; fi',
  'echo done=1',
].join('\n');

/** Python run when the image has python3: PTRACE_TRACEME in a child tells whether ptrace is allowed. */
export const PTRACE_TEST = [
  'import ctypes, os',
  'libc = ctypes.CDLL(None, use_errno=True)',
  'pid = os.fork()',
  'if pid == 0:',
  '    os._exit(0 if libc.ptrace(0, 0, None, None) == 0 else 1)',
  '_, st = os.waitpid(pid, 0)',
  "print('ptrace=' + ('ok' if os.WEXITSTATUS(st) == 0 else 'denied'))",
].join('\n');

/** Linux capability numbers → names (without CAP_), as in linux/capability.h. */
const CAPABILITIES = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
  'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
] as const;

/** Capability names set in a CapEff hex mask. */
function decodeCapabilities(hex: string): string[] {
  let mask: bigint;
  try {
    mask = BigInt(`0x${hex.trim()}`);
  } catch {
    return [];
  }
  return CAPABILITIES.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

export type ProbeOutcome = Omit<Extract<ProbeFacts, { state: 'done' }>, 'state' | 'image' | 'elapsedMs'>;

function unshareResult(code: string | undefined, err: string | undefined): UnshareResult {
  if (code === undefined || code === 'missing') return 'missing';
  if (code === '0') return 'ok';
  if (err !== undefined && /not permitted|EPERM/i.test(err)) return 'EPERM';
  return { error: err?.trim() || `exit status ${code}` };
}

/** Read the probe's output; null when it did not run to the end. */
export function parseProbeOutput(text: string): ProbeOutcome | null {
  const values = new Map<string, string>();
  for (const raw of text.replace(/\r/g, '').split('\n')) {
    const eq = raw.indexOf('=');
    if (eq <= 0) continue;
    const key = raw.slice(0, eq);
    // The first line of a multi-line error is the telling one.
    if (!values.has(key)) values.set(key, raw.slice(eq + 1));
  }
  if (values.get('done') !== '1') return null;
  const tool = values.get('tool');
  const unshare = Object.fromEntries(
    PROBE_NAMESPACES.map((ns) => [ns, unshareResult(values.get(`ns.${ns}`), values.get(`ns.${ns}.err`))]),
  ) as Record<ProbeNamespace, UnshareResult>;
  const seccompMode = values.get('seccomp')?.trim();
  const ptrace = values.get('ptrace');
  const fs = values.get('tmpfs.fs');
  const opts = (values.get('tmpfs.opts') ?? '').split(',');
  return {
    unshareTool: tool === 'unshare' || tool === 'busybox' ? tool : null,
    unshare,
    ptrace: ptrace === 'ok' || ptrace === 'denied' ? ptrace : 'untested',
    capabilities: decodeCapabilities(values.get('cap') ?? ''),
    seccomp: seccompMode === '0' ? 'disabled' : seccompMode === '1' ? 'strict' : seccompMode === '2' ? 'filter' : null,
    tmpfs: { mounted: fs === 'tmpfs', writable: values.get('tmpfs.write') === 'ok', exec: fs === 'tmpfs' && !opts.includes('noexec') },
    cpuFlags: values.has('cpu.flags') ? (values.get('cpu.flags') ?? '').trim().split(/\s+/).filter(Boolean) : null,
  };
}
