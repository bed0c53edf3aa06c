// A fresh recipe with the defaults a Gentoo user expects in a container build.
import { recipeSchema, RECIPE_VERSION, type Binaries, type BuildModeKind, type Recipe } from './recipe-schema.js';

export interface Sizing {
  /** emerge --jobs */
  jobs: number;
  /** MAKEOPTS value, e.g. "-j4 -l5" */
  makeopts: string;
}

export interface NewRecipeOptions {
  name: string;
  base: string;
  packages?: string[];
  mode?: BuildModeKind;
  tags?: string[];
  /** USE flags for make.conf, e.g. "-X ssl". */
  use?: string;
  portageImage?: string;
  entrypoint?: string[];
  cmd?: string[];
  sizing?: Sizing;
  /** Where binary packages come from (`--binhost`, `--on-missing`); default: none, compile. */
  binaries?: Partial<Binaries>;
  /** The engine builds run on when `build --engine` does not say. */
  engine?: string;
  /** Engines that run distccd helpers for the build (`--distcc`, repeatable). */
  distccEngines?: string[];
}

/**
 * Portage's process sandboxes need unshare(), which Docker's default seccomp profile refuses.
 * parallel-install takes finer locks, so with --jobs one package installs while another unpacks or
 * installs (Portage still installs system packages one at a time, and merge-wait still holds installs
 * while builds run). Three rebuilds from binary packages through gentoo-wb (the build-runner bench's
 * recipe, --jobs 3) took 5.1–6.6 s with it and 6.2–7.1 s without. ebuild-locks stays on, so
 * unsandboxed phases such as pkg_postinst never run side by side.
 */
const CONTAINER_FEATURES = '-ipc-sandbox -network-sandbox -pid-sandbox parallel-install';

export const CFLAGS_PRESETS = ['-O2 -pipe', '-march=native -O2 -pipe', '-Os -pipe'] as const;

/** A recipe with make.conf defaults, sizing from the host checks, and the given packages. */
export function newRecipe(options: NewRecipeOptions): Recipe {
  const sizing = options.sizing ?? { jobs: 1, makeopts: '-j1' };
  const makeConf: Record<string, string> = {
    COMMON_FLAGS: options.mode === 'stage4' ? '-march=native -O2 -pipe' : '-O2 -pipe',
    CFLAGS: '${COMMON_FLAGS}',
    CXXFLAGS: '${COMMON_FLAGS}',
    FCFLAGS: '${COMMON_FLAGS}',
    FFLAGS: '${COMMON_FLAGS}',
    MAKEOPTS: sizing.makeopts,
    FEATURES: CONTAINER_FEATURES,
    LC_MESSAGES: 'C.utf8',
  };
  if (options.use) makeConf.USE = options.use;
  const modeKind = options.mode ?? 'commit';
  return recipeSchema.parse({
    version: RECIPE_VERSION,
    name: options.name,
    base: { image: options.base },
    portage: options.portageImage ? { source: 'snapshot', image: options.portageImage } : { source: 'base' },
    mode: { kind: modeKind },
    packages: options.packages ?? [],
    makeConf,
    image: {
      tags: options.tags ?? [],
      ...(options.entrypoint ? { entrypoint: options.entrypoint } : {}),
      ...(options.cmd ? { cmd: options.cmd } : {}),
    },
    jobs: { emerge: sizing.jobs },
    ...(options.binaries ? { binaries: options.binaries } : {}),
    ...(options.engine !== undefined ? { engine: options.engine } : {}),
    ...(options.distccEngines && options.distccEngines.length > 0 ? { distcc: { engines: options.distccEngines } } : {}),
  });
}
