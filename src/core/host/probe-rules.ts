// What a container on this engine lets Portage do (namespaces for its sandboxes, ptrace, a tmpfs
// build directory), and the FEATURES and capabilities a build should use because of it.
import type { ProbeFacts, ProbeNamespace, UnshareResult } from './facts.js';
import { cpuLevelFinding } from './cpu-level.js';
import { finding, type Finding } from './finding.js';

/** Portage FEATURES that need a namespace the probe tried. */
const SANDBOX_FEATURES: ReadonlyArray<{ feature: string; ns: ProbeNamespace }> = [
  { feature: 'ipc-sandbox', ns: 'ipc' },
  { feature: 'network-sandbox', ns: 'net' },
  { feature: 'pid-sandbox', ns: 'pid' },
];

/** What builds on this engine should set; the build step reads this as its defaults. */
export interface FeaturesAdvice {
  /** Known from a probe, or a cautious default when no probe ran. */
  basis: 'probe' | 'default';
  /** FEATURES additions for make.conf, e.g. ["-ipc-sandbox", "-network-sandbox", "-pid-sandbox"]. */
  features: string[];
  /** Capabilities the build container needs (none when FEATURES work around them). */
  capAdd: string[];
  /** Capabilities that would help, each only with the user's explicit consent. */
  optionalCaps: Array<{ cap: string; why: string }>;
  /** Mount a tmpfs at /var/tmp/portage (the engine allows it with exec). */
  tmpfs: boolean;
}

function works(r: UnshareResult): boolean {
  return r === 'ok';
}

/** FEATURES and capabilities for builds, from the probe (or the safe default without one). */
export function recommendFeatures(probe: ProbeFacts): FeaturesAdvice {
  const ptraceWhy = 'Portage\'s sandbox traces static binaries and glibc\'s tests use ptrace; a container with it escapes more easily, so add it only knowingly.';
  if (probe.state !== 'done') {
    return {
      basis: 'default',
      features: SANDBOX_FEATURES.map((s) => `-${s.feature}`),
      capAdd: [],
      optionalCaps: [{ cap: 'SYS_PTRACE', why: ptraceWhy }],
      tmpfs: false,
    };
  }
  const features = SANDBOX_FEATURES.filter((s) => !works(probe.unshare[s.ns])).map((s) => `-${s.feature}`);
  const optionalCaps: FeaturesAdvice['optionalCaps'] = [];
  if (features.length > 0 && !probe.capabilities.includes('SYS_ADMIN')) {
    optionalCaps.push({ cap: 'SYS_ADMIN', why: 'Would let Portage keep its namespace sandboxes, but gives the container most of root\'s power over the host: disabling the sandboxes is the safer trade.' });
  }
  if (probe.ptrace !== 'ok' && !probe.capabilities.includes('SYS_PTRACE')) optionalCaps.push({ cap: 'SYS_PTRACE', why: ptraceWhy });
  const tmpfs = 'mounted' in probe.tmpfs && probe.tmpfs.mounted && probe.tmpfs.writable && probe.tmpfs.exec;
  return { basis: 'probe', features, capAdd: [], optionalCaps, tmpfs };
}

function resultText(r: UnshareResult): string {
  return typeof r === 'string' ? r : r.error;
}

/** The Container probe group. */
export function probeFindings(probe: ProbeFacts): Finding[] {
  const advice = recommendFeatures(probe);
  if (probe.state === 'skipped') {
    return [finding({
      id: 'probe.run', group: 'container', status: 'info', value: null, title: `Container probe skipped: ${probe.reason}`,
      detail: 'The probe starts a tiny container to see what Portage will meet inside one. Without it builds use the cautious defaults below.',
      fix: ['# any small local image with /bin/sh lets the probe run, e.g.', 'docker pull busybox'],
    }), featuresFinding(advice)];
  }
  if (probe.state === 'failed') {
    return [finding({
      id: 'probe.run', group: 'container', status: 'warn', value: probe.image, title: `Container probe failed in ${probe.image}`,
      detail: `${probe.error}. Starting a container failed; builds will likely fail the same way.`,
      fix: [`docker run --rm ${probe.image} /bin/sh -c 'echo ok'   # see the engine's own error`],
    }), featuresFinding(advice)];
  }
  const out: Finding[] = [finding({
    id: 'probe.run', group: 'container', status: 'pass', value: probe.image, title: `Probe container ran in ${probe.image} (${Math.round(probe.elapsedMs)} ms)`,
    detail: `Capabilities inside: ${probe.capabilities.join(' ') || 'none'}; seccomp ${probe.seccomp ?? 'unknown'}.`,
  })];
  if (probe.unshareTool === null) {
    out.push(finding({
      id: 'probe.unshare', group: 'container', status: 'info', value: null, title: 'No unshare in the probe image: namespaces not tried',
      detail: 'Neither util-linux unshare nor busybox\'s applet is in the image, so the sandboxes are assumed not to work.',
    }));
  } else {
    for (const { feature, ns } of SANDBOX_FEATURES) {
      const r = probe.unshare[ns];
      out.push(finding({
        // Builds set the FEATURES below by themselves, so a refused namespace is news, not a problem.
        id: `probe.unshare.${ns}`, group: 'container', status: works(r) ? 'pass' : 'info', value: resultText(r),
        title: works(r) ? `${ns} namespace can be created (${feature} works)` : `${ns} namespace refused: ${resultText(r)} (${feature} fails)`,
        detail: works(r)
          ? `Portage's ${feature} works inside containers on this engine.`
          : `The engine's seccomp profile or missing CAP_SYS_ADMIN blocks unshare; Portage stops with "Unable to unshare" unless FEATURES="-${feature}".`,
        fix: works(r) ? [] : [`FEATURES="\${FEATURES} -${feature}"   # /etc/portage/make.conf in the build; gentoo-wb sets this by default`],
      }));
    }
  }
  out.push(finding({
    id: 'probe.ptrace', group: 'container', status: probe.ptrace === 'ok' ? 'pass' : 'info', value: probe.ptrace,
    title: probe.ptrace === 'ok' ? 'ptrace works in containers' : probe.ptrace === 'denied' ? 'ptrace is denied in containers' : 'ptrace not tested (no python3 in the probe image)',
    detail: 'Portage\'s sandbox traces static binaries with ptrace; without it those run unsandboxed with a warning. glibc\'s test suite needs it too.',
    fix: probe.ptrace === 'ok' ? [] : ['# only if you accept the risk: the build container gets --cap-add SYS_PTRACE (gentoo-wb asks first)'],
  }));
  out.push(tmpfsFinding(probe.tmpfs));
  out.push(cpuLevelFinding(probe));
  out.push(featuresFinding(advice));
  return out;
}

function tmpfsFinding(t: Extract<ProbeFacts, { state: 'done' }>['tmpfs']): Finding {
  const base = { id: 'probe.tmpfs', group: 'container' as const };
  const detail = 'Building in memory (PORTAGE_TMPDIR on tmpfs) spares the disk and speeds up builds when memory allows.';
  if ('refused' in t) return finding({ ...base, status: 'info', value: false, title: `The engine refused a tmpfs mount: ${t.refused}`, detail });
  const ok = t.mounted && t.writable && t.exec;
  return finding({
    ...base, status: ok ? 'pass' : 'info', value: ok,
    title: ok ? 'tmpfs at /var/tmp/portage works (writable, exec allowed)' : `tmpfs at /var/tmp/portage ${!t.mounted ? 'not mounted' : !t.writable ? 'not writable' : 'mounted noexec'}`,
    detail,
  });
}

function featuresFinding(a: FeaturesAdvice): Finding {
  const features = a.features.length > 0 ? `FEATURES="\${FEATURES} ${a.features.join(' ')}"` : 'FEATURES unchanged';
  const caps = a.capAdd.length > 0 ? `, --cap-add ${a.capAdd.join(' ')}` : ', no extra capabilities';
  const optional = a.optionalCaps.map((c) => `${c.cap}: ${c.why}`).join(' ');
  return finding({
    id: 'probe.features', group: 'container', status: 'info', value: a.features.join(' ') || null,
    title: `Builds use ${features}${caps}`,
    detail: `${a.basis === 'probe' ? 'From the probe above.' : 'A cautious default: no probe ran.'} ${optional}`.trim(),
    fix: a.features.length > 0 ? [`${features}   # /etc/portage/make.conf in the build`] : [],
  });
}
