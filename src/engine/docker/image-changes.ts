// Dockerfile-style `changes` for import and commit: checking what a user typed, and writing
// changes that reproduce an image config. Pure; the engine parses the final strings.

/**
 * Instructions both Docker and Podman accept in import/commit changes. Docker 20.10 refuses
 * STOPSIGNAL and HEALTHCHECK there (Podman takes STOPSIGNAL but stores it as a number).
 */
export const CHANGE_INSTRUCTIONS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'USER', 'WORKDIR', 'VOLUME', 'LABEL', 'ONBUILD'] as const;
export type ChangeInstruction = (typeof CHANGE_INSTRUCTIONS)[number];

export type ChangeCheck = { ok: true; instruction: ChangeInstruction; change: string } | { ok: false; message: string };

/** Check one `--change` value: a known instruction with an argument, on one line. */
export function checkChange(raw: string): ChangeCheck {
  const change = raw.trim();
  if (/[\r\n]/.test(change)) return { ok: false, message: `a change is one instruction on one line: ${JSON.stringify(raw)}` };
  const match = /^([A-Za-z]+)\s+(\S.*)$/.exec(change);
  if (!match) return { ok: false, message: `"${raw}" is not an instruction with an argument (e.g. CMD ["/bin/sh"])` };
  const instruction = (match[1] ?? '').toUpperCase();
  if (!(CHANGE_INSTRUCTIONS as readonly string[]).includes(instruction)) {
    return { ok: false, message: `"${match[1] ?? ''}" cannot be changed on import/commit; allowed: ${CHANGE_INSTRUCTIONS.join(', ')}` };
  }
  return { ok: true, instruction: instruction as ChangeInstruction, change: `${instruction} ${match[2] ?? ''}` };
}

/** The parts of an image config that changes can set. */
export interface ConfigChanges {
  cmd?: string[] | null;
  entrypoint?: string[] | null;
  /** `KEY=VALUE` entries, as in an image config. */
  env?: string[];
  /** `80/tcp` style ports. */
  exposedPorts?: string[];
  user?: string;
  workdir?: string;
  volumes?: string[];
  labels?: Record<string, string>;
}

/**
 * How an engine reads quoted values in changes. Docker runs its Dockerfile word lexer (escapes
 * \\ \" \$ inside double quotes, expands $VAR); Podman only strips one pair of surrounding
 * double quotes and keeps everything inside literally.
 */
export type ChangeDialect = 'docker' | 'podman';

function quote(value: string, dialect: ChangeDialect): string {
  if (dialect === 'podman') return `"${value}"`;
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

function singleLine(field: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`${field} contains a line break, which a change cannot carry: ${JSON.stringify(value)}`);
  return value;
}

/** Write changes (one instruction each) that set the given config parts. */
export function changesFor(config: ConfigChanges, dialect: ChangeDialect = 'docker'): string[] {
  const out: string[] = [];
  if (config.entrypoint && config.entrypoint.length > 0) out.push(`ENTRYPOINT ${JSON.stringify(config.entrypoint)}`);
  if (config.cmd && config.cmd.length > 0) out.push(`CMD ${JSON.stringify(config.cmd)}`);
  for (const entry of config.env ?? []) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    if (!/^[^\s=]+$/.test(key)) throw new Error(`environment variable name ${JSON.stringify(key)} cannot be written as a change`);
    out.push(`ENV ${key}=${quote(singleLine(`ENV ${key}`, value), dialect)}`);
  }
  for (const port of config.exposedPorts ?? []) out.push(`EXPOSE ${singleLine('EXPOSE', port)}`);
  if (config.user) out.push(`USER ${singleLine('USER', config.user)}`);
  if (config.workdir) out.push(`WORKDIR ${singleLine('WORKDIR', config.workdir)}`);
  if (config.volumes && config.volumes.length > 0) out.push(`VOLUME ${JSON.stringify(config.volumes)}`);
  for (const [key, value] of Object.entries(config.labels ?? {})) {
    out.push(`LABEL ${quote(singleLine('LABEL key', key), dialect)}=${quote(singleLine(`LABEL ${key}`, value), dialect)}`);
  }
  return out;
}

/** An image config as /images/{name}/json reports it (the fields changes can carry, plus ones they cannot). */
export interface InspectedConfig {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Env?: string[] | null;
  ExposedPorts?: Record<string, unknown> | null;
  User?: string;
  WorkingDir?: string;
  Volumes?: Record<string, unknown> | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  Healthcheck?: unknown;
  OnBuild?: string[] | null;
  Shell?: string[] | null;
}

/** Split an image config into the changes that reproduce it and the fields that cannot be carried. */
export function carryConfig(config: InspectedConfig | null | undefined): { changes: ConfigChanges; lost: string[] } {
  const c = config ?? {};
  const lost: string[] = [];
  if (c.Healthcheck) lost.push('Healthcheck');
  if (c.OnBuild && c.OnBuild.length > 0) lost.push('OnBuild');
  if (c.Shell && c.Shell.length > 0) lost.push('Shell');
  if (c.StopSignal) lost.push('StopSignal');
  return {
    changes: {
      cmd: c.Cmd ?? null,
      entrypoint: c.Entrypoint ?? null,
      env: c.Env ?? [],
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      user: c.User ?? '',
      workdir: c.WorkingDir ?? '',
      volumes: Object.keys(c.Volumes ?? {}),
      labels: c.Labels ?? {},
    },
    lost,
  };
}
