// Types shared by endpoint resolution, the context store and the client factory.

/** Which rule chose the endpoint, in the docker CLI's order of precedence. */
export type EndpointSource = 'flag' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default';

/** Where to connect, after parsing a `unix://`, `tcp://` or `ssh://` host string. */
export type HostAddress =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'ssh'; host: string; port: number; username: string | null; remotePath: string | null };

/** TLS for tcp:// endpoints: certificate material already read, so connecting needs no fs. */
export interface TlsSettings {
  /** Check the daemon's certificate against `ca` (DOCKER_TLS_VERIFY / a context without SkipTLSVerify). */
  verifyServer: boolean;
  ca: Buffer | null;
  cert: Buffer | null;
  key: Buffer | null;
  /** The folder the files came from, for messages. */
  certDir: string | null;
}

export type EndpointWarningCode =
  | 'host-and-context'
  | 'tls-verify-not-1'
  | 'tcp-without-tls'
  | 'tls-without-server-verify'
  | 'tls-without-client-cert'
  | 'tls-files-missing'
  | 'ssh-path-ignored'
  | 'ssh-no-agent'
  | 'ssh-no-username'
  | 'config-unreadable';

/** Something the user should know about the chosen endpoint; resolution still succeeded. */
export interface EndpointWarning {
  code: EndpointWarningCode;
  message: string;
}

/** Where the engine is, which rule chose it, and how to talk to it. */
export interface Endpoint {
  /** The host URL in normal form (`unix:///var/run/docker.sock`, `tcp://h:2376`, `ssh://u@h:22`). */
  host: string;
  source: EndpointSource;
  /** Context name when the context store was consulted ("default" for the built-in one), else null. */
  context: string | null;
  address: HostAddress;
  tls: TlsSettings | null;
  /** The SSH agent socket to authenticate with (ssh:// only). */
  sshAgent: string | null;
  warnings: EndpointWarning[];
}

export type EndpointErrorCode =
  | 'flag-conflict'
  | 'context-not-found'
  | 'context-invalid'
  | 'bad-host'
  | 'unsupported-scheme'
  | 'tls-unreadable';

/** Resolution failed: what, why, and what to do. */
export interface EndpointError {
  code: EndpointErrorCode;
  message: string;
  hint: string;
  source: EndpointSource;
  context: string | null;
}

export type EndpointResolution = { ok: true; endpoint: Endpoint } | { ok: false; error: EndpointError };

/** Read-only view of the files resolution needs; tests inject a map, the app passes the real fs. */
export interface FileReader {
  /** The file's bytes, or the errno code (`ENOENT`, `EACCES`, …) when it cannot be read. */
  read(path: string): { ok: true; data: Buffer } | { ok: false; code: string };
}

/** Everything resolution reads, injected so the rules are testable without touching the machine. */
export interface ResolveInput {
  /** gentoo-wb's `-H, --host`. */
  flagHost?: string | undefined;
  /** gentoo-wb's `--context`. */
  flagContext?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  files: FileReader;
}
