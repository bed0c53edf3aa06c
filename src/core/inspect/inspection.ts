// An image inspected: layers with what each did, packages with their real sizes, the directory
// tree, dive's efficiency and wasted bytes, and how much of it is the base image. The engine reads
// the archive and the records; everything here is computed from those facts alone.
import { buildDirTree, directoriesTo, type DirNode } from './dir-tree.js';
import { lookup, stackLayers, type LayerEffect, type Stack } from './layer-stack.js';
import type { LayerFiles } from './layer-types.js';
import { packagesFromVdbFiles, type PackageDb } from './package-db.js';
import { packageSizes, type PackageSizes } from './package-sizes.js';
import { wasteOf, type WasteReport } from './waste.js';

/** What the engine says about the image itself. */
export interface ImageFacts {
  id: string;
  tags: string[];
  /** ISO 8601. */
  created: string;
  labels: Record<string, string>;
  architecture: string;
  /** The size the engine reports, to compare with the sum of the layers. */
  engineSize: number | null;
  entrypoint: string[];
  cmd: string[];
}

/** The build that made the image, from its build record (when this machine has it). */
export interface BuildFacts {
  id: string;
  recipeName: string;
  recipeHash: string;
  mode: string;
  status: string;
  createdAt: number;
  smokeTest: { argv: string[]; exitCode: number; ok: boolean; output: string } | null;
  /** What the record's extras say: the CPU a stage4 image needs, flatten savings, the ROOT check. */
  notes: string[];
}

export interface BaseFacts {
  /** How the base is named (the label or the recipe), for display. */
  ref: string;
  id: string | null;
  /** Layers the image shares with the base (common prefix of diff IDs). */
  sharedLayers: number;
}

export interface InspectionInput {
  image: ImageFacts;
  layers: LayerFiles[];
  base: BaseFacts | null;
  /** The build record's capture; when null the image's own /var/db/pkg is read. */
  recordedDb: PackageDb | null;
  build: BuildFacts | null;
}

/** A layer as the Layers tab shows it: what it did to the stack, and where it came from. */
export interface LayerRow extends LayerEffect {
  diffId: string | null;
  createdBy: string;
  created: string;
  /** Part of the base image. */
  base: boolean;
}

export interface BaseShare {
  ref: string;
  id: string | null;
  layers: number;
  bytes: number;
  /** bytes / image size (0..1). */
  share: number;
}

export interface Inspection {
  image: ImageFacts;
  /** Sum of the layer sizes (what the engine calls the image size). */
  size: number;
  /** Bytes the final file system shows. */
  visibleBytes: number;
  files: number;
  layers: LayerRow[];
  base: BaseShare | null;
  waste: WasteReport;
  packages: PackageSizes;
  tree: DirNode;
  build: BuildFacts | null;
  /** The layers as read, for views of a prefix of them (the base image's own view). */
  source: LayerFiles[];
}

/** vdb files that survive in a stack: each captured text whose path the final view still takes from its layer. */
function survivingCaptures(layers: readonly LayerFiles[], stack: Stack): Map<string, string> {
  const out = new Map<string, string>();
  for (const layer of layers) {
    for (const [path, text] of layer.captured) {
      const node = lookup(stack.root, path);
      if (node && node.kind === 'file' && node.layer === layer.index) out.set(path, text);
    }
  }
  return out;
}

/** The package database a stack's /var/db/pkg holds, or null when it has none. */
export function imagePackageDb(layers: readonly LayerFiles[], stack: Stack): PackageDb | null {
  const packages = packagesFromVdbFiles(survivingCaptures(layers, stack));
  return packages.length > 0 ? { source: 'image', packages } : null;
}

/** Everything the Result screen and `inspect` show, from the engine's facts. */
export function buildInspection(input: InspectionInput): Inspection {
  const stack = stackLayers(input.layers);
  const tree = buildDirTree(stack.root);
  const db = input.recordedDb ?? imagePackageDb(input.layers, stack);
  const shared = input.base?.sharedLayers ?? 0;
  const layers: LayerRow[] = input.layers.map((layer, i) => {
    const effect = stack.effects[i]!;
    return {
      index: layer.index, diffId: layer.diffId, createdBy: layer.createdBy, created: layer.created, size: effect.size,
      entries: effect.entries, added: effect.added, modified: effect.modified, removed: effect.removed, hiddenBytes: effect.hiddenBytes, removals: effect.removals, base: i < shared,
    };
  });
  const size = layers.reduce((sum, l) => sum + l.size, 0);
  const baseBytes = layers.filter((l) => l.base).reduce((sum, l) => sum + l.size, 0);
  return {
    image: input.image,
    size,
    visibleBytes: tree.size,
    files: tree.files,
    layers,
    base: input.base ? { ref: input.base.ref, id: input.base.id, layers: shared, bytes: baseBytes, share: size === 0 ? 0 : baseBytes / size } : null,
    waste: wasteOf(stack),
    packages: packageSizes(db, stack.root),
    tree,
    build: input.build,
    source: input.layers,
  };
}

/** The shape `gentoo-wb inspect --json` prints. */
export interface InspectionJson {
  id: string;
  tags: string[];
  size: number;
  visibleBytes: number;
  files: number;
  layers: { size: number; createdBy: string; diffId: string | null; base: boolean }[];
  packageSource: string | null;
  packages: { cpv: string; size: number; files: number; missing: number; slot: string | null; use: string[]; license: string | null }[];
  dirs: { path: string; size: number; files: number }[];
  wastedBytes: number;
  hiddenBytes: number;
  efficiency: number;
  base: { ref: string; id: string | null; layers: number; bytes: number; share: number } | null;
}

/** An inspection as plain JSON (directories down to `depth` levels). */
export function inspectionJson(ins: Inspection, depth = 3): InspectionJson {
  return {
    id: ins.image.id,
    tags: ins.image.tags,
    size: ins.size,
    visibleBytes: ins.visibleBytes,
    files: ins.files,
    layers: ins.layers.map((l) => ({ size: l.size, createdBy: l.createdBy, diffId: l.diffId, base: l.base })),
    packageSource: ins.packages.source,
    packages: ins.packages.packages.map((p) => ({ cpv: p.cpv, size: p.size, files: p.files, missing: p.missing, slot: p.slot, use: p.use, license: p.license })),
    dirs: directoriesTo(ins.tree, depth).map((d) => ({ path: d.path, size: d.size, files: d.files })),
    wastedBytes: ins.waste.wastedBytes,
    hiddenBytes: ins.waste.hiddenBytes,
    efficiency: ins.waste.efficiency,
    base: ins.base,
  };
}
