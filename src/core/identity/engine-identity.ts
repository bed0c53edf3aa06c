// What an engine says it is (its /version and /info answers, read once at connect): the engine
// layer's EngineInfo and the host checks' engine facts both carry it.
export type EngineKind = 'docker' | 'podman';

export interface EngineComponent {
  name: string;
  version: string;
}

export interface EngineIdentity {
  kind: EngineKind;
  /** Docker's version, or Podman's own for Podman. */
  version: string;
  /** The version we use: the lower of ours and the daemon's. */
  apiVersion: string;
  daemonApiVersion: string;
  daemonMinApiVersion: string | null;
  rootless: boolean;
  storageDriver: string;
  os: string;
  arch: string;
  kernelVersion: string;
  cgroupVersion: string | null;
  cgroupDriver: string | null;
  rootDir: string | null;
  securityOptions: string[];
  warnings: string[];
  components: EngineComponent[];
}
