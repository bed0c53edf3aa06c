// Dockerfile-style `changes` for import and commit: checking what a user typed, and writing
// changes that reproduce an image config. Pure; the engine parses the final strings.

/**
 * Instructions both Docker and Podman accept in import/commit changes. Docker 20.10 refuses
 * STOPSIGNAL and HEALTHCHECK there (Podman takes STOPSIGNAL but stores it as a number).
 */
const CHANGE_INSTRUCTIONS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'USER', 'WORKDIR', 'VOLUME', 'LABEL', 'ONBUILD'] as const;
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
 * How an engine reads values in changes. Docker joins the changes with newlines and parses them as
 * a Dockerfile: a trailing `\` continues a line into the next change, and ENV, LABEL, USER,
 * WORKDIR, VOLUME and EXPOSE arguments go through its word lexer (quotes, `\` escapes, `$VAR`).
 * Podman reads each change on its own, strips one pair of double quotes from ENV/LABEL values and
 * keeps everything else literally.
 */
export type ChangeDialect = 'docker' | 'podman';

/** Why a value cannot be carried in a change at all (a line break or NUL ends the instruction), or null. */
function changeValueProblem(value: string): string | null {
  return /[\r\n\0]/.test(value) ? 'contains a line break or NUL, which a change cannot carry' : null;
}

function checked(field: string, value: string): string {
  const problem = changeValueProblem(value);
  if (problem) throw new Error(`${field} ${problem}: ${JSON.stringify(value)}`);
  return value;
}

/** A whole word for Docker's lexer: double quotes, with `\`, `"` and `$` escaped (no expansion, no continuation). */
function dockerWord(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

function quote(value: string, dialect: ChangeDialect): string {
  return dialect === 'podman' ? `"${value}"` : dockerWord(value);
}

/** A word Podman keeps verbatim, or Docker's quoted form. */
function word(value: string, dialect: ChangeDialect): string {
  return dialect === 'podman' ? value : dockerWord(value);
}

/** A JSON array whose items Docker's lexer (which also expands VOLUME items) hands back unchanged. */
function wordArray(values: string[], dialect: ChangeDialect): string {
  return JSON.stringify(dialect === 'podman' ? values : values.map(dockerWord));
}

/** Write changes (one instruction each) that set the given config parts; throws on a value no change can carry. */
export function changesFor(config: ConfigChanges, dialect: ChangeDialect = 'docker'): string[] {
  const out: string[] = [];
  // CMD and ENTRYPOINT in JSON form are not run through the lexer, and JSON escapes every control
  // character (a line break in a `sh -c` script included): JSON is enough.
  if (config.entrypoint && config.entrypoint.length > 0) out.push(`ENTRYPOINT ${JSON.stringify(config.entrypoint)}`);
  if (config.cmd && config.cmd.length > 0) out.push(`CMD ${JSON.stringify(config.cmd)}`);
  for (const entry of config.env ?? []) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    const value = eq < 0 ? '' : entry.slice(eq + 1);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new Error(`environment variable name ${JSON.stringify(key)} cannot be written as a change`);
    out.push(`ENV ${key}=${quote(checked(`ENV ${key}`, value), dialect)}`);
  }
  for (const port of config.exposedPorts ?? []) {
    if (!/^\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/.test(port)) throw new Error(`EXPOSE ${JSON.stringify(port)} is not a port a change can carry`);
    out.push(`EXPOSE ${port}`);
  }
  if (config.user) out.push(`USER ${word(checked('USER', config.user), dialect)}`);
  if (config.workdir) out.push(`WORKDIR ${word(checked('WORKDIR', config.workdir), dialect)}`);
  if (config.volumes && config.volumes.length > 0) out.push(`VOLUME ${wordArray(config.volumes.map((v) => checked('VOLUME', v)), dialect)}`);
  for (const [key, value] of Object.entries(config.labels ?? {})) {
    out.push(`LABEL ${quote(checked('LABEL key', key), dialect)}=${quote(checked(`LABEL ${key}`, value), dialect)}`);
  }
  return out;
}

/** The same config as the JSON body of POST /commit (a container config the engine merges with the container's). */
export function commitConfigBody(config: ConfigChanges): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (config.entrypoint) body.Entrypoint = config.entrypoint;
  if (config.cmd) body.Cmd = config.cmd;
  if (config.env && config.env.length > 0) body.Env = config.env;
  if (config.exposedPorts && config.exposedPorts.length > 0) body.ExposedPorts = Object.fromEntries(config.exposedPorts.map((p) => [p, {}]));
  if (config.user) body.User = config.user;
  if (config.workdir) body.WorkingDir = config.workdir;
  if (config.volumes && config.volumes.length > 0) body.Volumes = Object.fromEntries(config.volumes.map((v) => [v, {}]));
  if (config.labels && Object.keys(config.labels).length > 0) body.Labels = config.labels;
  return body;
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
