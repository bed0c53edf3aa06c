// What gentoo-wb asks of a container, as a typed value, and its translation to the Engine API's
// create body. Pure: no engine calls here.
import type { Labels } from '../../core/labels.js';

export type MountSpec =
  /** A named volume (created on first use). */
  | { kind: 'volume'; name: string; target: string; readOnly?: boolean }
  /** A host folder or file; host paths come from the user's settings, never from a shell string. */
  | { kind: 'bind'; source: string; target: string; readOnly?: boolean }
  /** Memory-backed scratch space. */
  | { kind: 'tmpfs'; target: string; sizeBytes?: number; mode?: number };

export interface ContainerSpec {
  image: string;
  /** Every container we create is labelled (see core/labels.ts). */
  labels: Labels;
  name?: string;
  /** argv; never a shell string. */
  cmd?: string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  workdir?: string;
  user?: string;
  mounts?: MountSpec[];
  /** Containers whose volumes this one shares (`name` or `name:ro`), e.g. the Portage snapshot. */
  volumesFrom?: string[];
  /** Anonymous volumes to declare (`docker create -v /path`). */
  volumes?: string[];
  capAdd?: string[];
  capDrop?: string[];
  securityOpt?: string[];
  /** `none`, `bridge`, `host` or a network name; engine default when absent. */
  network?: string;
  tty?: boolean;
  /** Keep stdin open (for interactive sessions). */
  openStdin?: boolean;
  /** Kill after this many seconds when stopping. */
  stopTimeout?: number;
}

/** The Engine API body for POST /containers/create. */
export interface CreateBody {
  Image: string;
  Labels: Labels;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Volumes?: Record<string, Record<string, never>>;
  Tty: boolean;
  OpenStdin: boolean;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  StopTimeout?: number;
  HostConfig: {
    Mounts?: { Type: 'volume' | 'bind' | 'tmpfs'; Source?: string; Target: string; ReadOnly: boolean; TmpfsOptions?: { SizeBytes?: number; Mode?: number } }[];
    Tmpfs?: Record<string, string>;
    VolumesFrom?: string[];
    CapAdd?: string[];
    CapDrop?: string[];
    SecurityOpt?: string[];
    NetworkMode?: string;
  };
}

/** Translate a spec to the create body. */
export function createBodyFor(spec: ContainerSpec): CreateBody {
  const body: CreateBody = {
    Image: spec.image,
    Labels: { ...spec.labels },
    Tty: spec.tty ?? false,
    OpenStdin: spec.openStdin ?? false,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: {},
  };
  if (spec.cmd) body.Cmd = [...spec.cmd];
  if (spec.entrypoint) body.Entrypoint = [...spec.entrypoint];
  if (spec.env) body.Env = Object.entries(spec.env).map(([k, v]) => `${k}=${v}`);
  if (spec.workdir) body.WorkingDir = spec.workdir;
  if (spec.user) body.User = spec.user;
  if (spec.volumes && spec.volumes.length > 0) body.Volumes = Object.fromEntries(spec.volumes.map((v) => [v, {}]));
  if (spec.stopTimeout !== undefined) body.StopTimeout = spec.stopTimeout;
  const hc = body.HostConfig;
  const mounts = spec.mounts ?? [];
  // Volumes and binds go through Mounts; tmpfs through HostConfig.Tmpfs (the `--tmpfs` form, with
  // size and mode as mount options), which both engines take the same way.
  const typed = mounts.filter((m) => m.kind !== 'tmpfs');
  if (typed.length > 0) {
    hc.Mounts = typed.map((m) => ({ Type: m.kind, Source: m.kind === 'volume' ? m.name : m.source, Target: m.target, ReadOnly: m.readOnly ?? false }));
  }
  const tmpfs = mounts.filter((m): m is Extract<MountSpec, { kind: 'tmpfs' }> => m.kind === 'tmpfs');
  if (tmpfs.length > 0) {
    hc.Tmpfs = Object.fromEntries(tmpfs.map((m) => {
      const opts: string[] = [];
      if (m.sizeBytes !== undefined) opts.push(`size=${m.sizeBytes}`);
      if (m.mode !== undefined) opts.push(`mode=${m.mode.toString(8)}`);
      return [m.target, opts.join(',')];
    }));
  }
  if (spec.volumesFrom && spec.volumesFrom.length > 0) hc.VolumesFrom = [...spec.volumesFrom];
  if (spec.capAdd && spec.capAdd.length > 0) hc.CapAdd = [...spec.capAdd];
  if (spec.capDrop && spec.capDrop.length > 0) hc.CapDrop = [...spec.capDrop];
  if (spec.securityOpt && spec.securityOpt.length > 0) hc.SecurityOpt = [...spec.securityOpt];
  if (spec.network) hc.NetworkMode = spec.network;
  return body;
}
