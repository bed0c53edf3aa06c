// What a distcc build hands Portage, computed from the helpers gentoo-wb started: DISTCC_HOSTS (each
// helper as HOST:PORT/LIMIT, its limit the CPUs it has; `localhost/N` last when the recipe keeps jobs
// local) and MAKEOPTS as the Gentoo wiki's distcc article sizes it: -j twice the CPUs of the helpers and
// the build host together plus one, -l the build host's CPUs (preprocessing and linking stay local).

/** One running distccd helper, as the build container reaches it. */
export interface DistccHelper {
  /** The engine it runs on (`local` or a configured name). */
  engine: string;
  /** Address the build container connects to (an IPv4 address or host name; IPv6 without brackets). */
  address: string;
  port: number;
  /** Compile jobs it takes at once (its distccd --jobs, its DISTCC_HOSTS limit). */
  jobs: number;
}

export interface DistccSettings {
  /** DISTCC_HOSTS. */
  hosts: string;
  /** MAKEOPTS for the build. */
  makeopts: string;
  /** Compile jobs all helpers take together. */
  remoteJobs: number;
}

/** `HOST:PORT/LIMIT` as distcc reads a host (an IPv6 address in brackets). */
export function distccHostSpec(helper: DistccHelper): string {
  const host = helper.address.includes(':') ? `[${helper.address}]` : helper.address;
  return `${host}:${helper.port}/${Math.max(1, helper.jobs)}`;
}

/**
 * DISTCC_HOSTS and MAKEOPTS for these helpers. `localCpus`: the build engine's CPUs; `localJobs`: compile
 * jobs kept in the build container (0: none; distcc still falls back to a local compile when no helper answers).
 */
export function distccSettings(helpers: readonly DistccHelper[], localCpus: number, localJobs: number): DistccSettings {
  const cpus = Math.max(1, Math.floor(localCpus));
  const remoteJobs = helpers.reduce((sum, h) => sum + Math.max(1, h.jobs), 0);
  const specs = helpers.map(distccHostSpec);
  if (localJobs > 0) specs.push(`localhost/${localJobs}`);
  return { hosts: specs.join(' '), makeopts: `-j${2 * (remoteJobs + cpus) + 1} -l${cpus}`, remoteJobs };
}

/** The jobs each of `count` helpers on an engine with `cpus` CPUs takes: the CPUs shared out, at least one each. */
export function jobsPerHelper(cpus: number, count: number): number {
  return Math.max(1, Math.floor(Math.max(1, cpus) / Math.max(1, count)));
}
