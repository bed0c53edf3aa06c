// A build plan: everything a build will do, as data. The same value is printed (`build --plan`),
// tested, and run by the engine's runner. Commands are argv arrays; nothing here is a shell string.
import type { BinhostSource, BuildModeKind, ImageConfig } from '../recipe/recipe-schema.js';

export type PlanMount =
  | { kind: 'volume'; name: string; target: string; readOnly?: boolean; role: 'distfiles' | 'binpkgs' | 'ccache' }
  | { kind: 'bind'; source: string; target: string; readOnly: boolean }
  | { kind: 'tmpfs'; target: string };

/** A file put into the build container before it starts (a tar upload). */
export interface PlanFile {
  path: string;
  content: string;
  mode: number;
}

/** The long-lived build container: created detached so the build outlives the TUI. */
export interface BuilderContainer {
  image: string;
  env: Record<string, string>;
  mounts: PlanMount[];
  /** Share the gentoo/portage snapshot volume: the runner creates (or reuses) one data container from this image. */
  portageSnapshotImage: string | null;
  capAdd: string[];
  securityOpt: string[];
  /** A Docker network to join (a served binhost's); null: the engine's default bridge. */
  network: string | null;
}

/** A command run inside the build container, in order, by the step runner. */
export interface ContainerStep {
  id: string;
  title: string;
  argv: string[];
  env: Record<string, string>;
  /** `emerge` output goes through the build-stream parser; `plain` is shown as it is. */
  output: 'emerge' | 'plain';
  /** Exit codes that still count as success (e.g. `ldconfig` warnings). */
  okExitCodes: number[];
  /** When emerge fails, run it again compiling the packages whose binaries failed their checksum (binary-fallback.ts). */
  binaryFallback?: boolean;
}

/** Work done from the host after the container's steps succeeded. */
export type FinishStep =
  | { kind: 'commit'; id: string; title: string; config: ImageConfig }
  /** Scratch: the tree at `path` becomes an image on its own (FROM scratch + the recipe's config). */
  | { kind: 'import-tree'; id: string; title: string; path: string; config: ImageConfig }
  /** Minimal: export the container's filesystem and import it as one layer, keeping the config. */
  | { kind: 'flatten'; id: string; title: string; config: ImageConfig }
  /** Read a package database copied aside before stripping (scratch images carry none). */
  | { kind: 'capture-packages'; id: string; title: string; vdbPath: string }
  /** Every ELF file under `path` must find its needed libraries under `path`. */
  | { kind: 'root-check'; id: string; title: string; path: string }
  /** Stage4: commit like `commit`, with the CPU facts a step wrote at `factsPath` as labels and in the record. */
  | { kind: 'commit-cpu'; id: string; title: string; config: ImageConfig; factsPath: string }
  /** Run the image once: its entrypoint, or `argv`. */
  | { kind: 'smoke-test'; id: string; title: string; argv: string[] | null };

/** A binhost of the plan: its binrepos.conf section (what Portage's messages name) and the recipe source. */
export interface PlanBinhost {
  section: string;
  url: string;
  source: BinhostSource;
}

export interface BuildPlan {
  mode: BuildModeKind;
  recipeHash: string;
  container: BuilderContainer;
  files: PlanFile[];
  steps: ContainerStep[];
  finish: FinishStep[];
  tags: string[];
  /** Binhosts emerge fetches from, most preferred first; empty without. */
  binhosts: PlanBinhost[];
  /** Things the user should know before running (ptrace added, cache volume reuse, …). */
  notes: string[];
}
