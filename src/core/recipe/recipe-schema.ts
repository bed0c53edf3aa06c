// The recipe: the one document every step after Base reads. Versioned JSON, checked in two passes:
// this schema (shape and types) and recipe-validate.ts (Portage and Docker meaning, field by field).
import { z } from 'zod';

export const RECIPE_VERSION = 1;

export const BUILD_MODES = ['commit', 'scratch', 'stage4', 'minimal'] as const;
export type BuildModeKind = (typeof BUILD_MODES)[number];

const atomList = z.array(z.string());
const keyValues = z.record(z.string(), z.string());

/** Where the ebuild repository comes from during pretend and build. */
const portageSourceSchema = z.discriminatedUnion('source', [
  /** The gentoo/portage snapshot image, one data container shared by every build through VolumesFrom. */
  z.object({ source: z.literal('snapshot'), image: z.string() }),
  /** A repository on the host, bind-mounted read-only. */
  z.object({ source: z.literal('host'), path: z.string() }),
  /** Whatever the base image carries at /var/db/repos/gentoo. */
  z.object({ source: z.literal('base') }),
]);

const stripSchema = z.object({
  docs: z.boolean().default(true),
  man: z.boolean().default(true),
  info: z.boolean().default(true),
  headers: z.boolean().default(true),
  staticLibs: z.boolean().default(true),
  pkgconfig: z.boolean().default(true),
  locales: z.boolean().default(true),
  packageDb: z.boolean().default(true),
  portageState: z.boolean().default(true),
});

export const modeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('commit') }),
  z.object({
    kind: z.literal('scratch'),
    /** Packages force-removed from ROOT after the build (breaks their dependants on purpose). */
    unmerge: atomList.default([]),
    strip: stripSchema.default(stripSchema.parse({})),
  }),
  z.object({
    kind: z.literal('stage4'),
    /** `native` or a named level such as `x86-64-v3`. */
    march: z.string().default('native'),
    optimize: z.enum(['-O2', '-Os']).default('-O2'),
    passes: z.union([z.literal(1), z.literal(2)]).default(1),
    /** SYS_PTRACE for the C library's rebuild, only when the user agreed. */
    allowPtrace: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('minimal'),
    /** Flags kept on top of USE="-*". */
    keepUse: z.array(z.string()).default([]),
    /** Locales written to /etc/locale.gen (e.g. "en_US.UTF-8 UTF-8"). */
    locales: z.array(z.string()).default(['C.UTF-8 UTF-8']),
    /** System packages provided away through /etc/portage/profile/packages. */
    removeSystem: atomList.default([]),
  }),
]);

const imageConfigSchema = z.object({
  tags: z.array(z.string()).default([]),
  cmd: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  env: keyValues.default({}),
  /** "80", "8080/tcp", "53/udp" */
  expose: z.array(z.string()).default([]),
  user: z.string().optional(),
  workdir: z.string().optional(),
  volumes: z.array(z.string()).default([]),
  labels: keyValues.default({}),
});

/** Where binary packages may come from, besides the local cache (caches.binpkgs). */
const binhostSourceSchema = z.discriminatedUnion('kind', [
  /** Gentoo's official signed binhost; architecture and profile version come from the base. */
  z.object({ kind: z.literal('gentoo'), variant: z.enum(['x86-64', 'x86-64-v3']) }),
  /** A binhost of the user's, by its http(s) URL (the folder holding `Packages`). */
  z.object({ kind: z.literal('url'), url: z.string() }),
  /** A binhost served by `gentoo-wb binhost serve`, by its name. */
  z.object({ kind: z.literal('served'), name: z.string() }),
]);

const binariesSchema = z.object({
  /** In order of preference: the first listed gets the highest binrepos.conf priority. */
  hosts: z.array(binhostSourceSchema).default([]),
  /** What a package without a usable binary does: compile it, or fail the build (`--getbinpkgonly`). */
  onMissing: z.enum(['compile', 'fail']).default('compile'),
});

/**
 * distcc: compile jobs spread over distccd helper containers that gentoo-wb starts from the same base
 * (the same compiler) on these engines for the build, and stops afterwards.
 */
const distccSchema = z.object({
  /** Engines running the helpers: names of `gentoo-wb engines list`, or `local` for the default endpoint. */
  engines: z.array(z.string()),
  /** distccd helper containers per engine (they share its CPUs). */
  helpers: z.number().int().min(1).max(16).default(1),
  /** Compile jobs the build container keeps for itself (`localhost/N` last in DISTCC_HOSTS); 0: every job goes to the helpers. */
  localJobs: z.number().int().min(0).max(256).default(0),
});

export const recipeSchema = z.object({
  version: z.literal(RECIPE_VERSION),
  name: z.string(),
  base: z.object({ image: z.string(), digest: z.string().optional() }),
  portage: portageSourceSchema.default({ source: 'base' }),
  mode: modeSchema.default({ kind: 'commit' }),
  packages: atomList.default([]),
  /** make.conf variables in file order; values are written between double quotes. */
  makeConf: keyValues.default({}),
  packageUse: z.array(z.object({ atom: z.string(), flags: z.array(z.string()) })).default([]),
  packageAcceptKeywords: z.array(z.object({ atom: z.string(), keywords: z.array(z.string()).default([]) })).default([]),
  packageMask: atomList.default([]),
  packageUnmask: atomList.default([]),
  packageLicense: z.array(z.object({ atom: z.string(), licenses: z.array(z.string()) })).default([]),
  image: imageConfigSchema.default(imageConfigSchema.parse({})),
  binaries: binariesSchema.default({ hosts: [], onMissing: 'compile' }),
  caches: z.object({ distfiles: z.boolean().default(true), binpkgs: z.boolean().default(true), ccache: z.boolean().default(false) }).default({ distfiles: true, binpkgs: true, ccache: false }),
  /** `emerge --jobs`, `--load-average` and `--keep-going`; MAKEOPTS lives in makeConf. */
  jobs: z
    .object({ emerge: z.number().int().min(1).max(256).default(1), loadAverage: z.number().positive().optional(), keepGoing: z.boolean().default(true) })
    .default({ emerge: 1, keepGoing: true }),
  /** The engine the build runs on when `build --engine` does not say (a name of `gentoo-wb engines list`, or `local`). */
  engine: z.string().optional(),
  distcc: distccSchema.optional(),
  /** Run after the build in a throwaway container; the image's entrypoint when absent. */
  smokeTest: z.object({ argv: z.array(z.string()) }).optional(),
});

export type Recipe = z.infer<typeof recipeSchema>;
export type BuildMode = z.infer<typeof modeSchema>;
export type PortageSource = z.infer<typeof portageSourceSchema>;
export type ImageConfig = z.infer<typeof imageConfigSchema>;
export type BinhostSource = z.infer<typeof binhostSourceSchema>;
export type Binaries = z.infer<typeof binariesSchema>;
export type DistccOption = z.infer<typeof distccSchema>;
