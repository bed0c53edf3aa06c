// Public entry of the image inspection core: layers, stacking, waste, packages, directories, diffs,
// SBOMs and the generated Dockerfile.
export { normalizeTarPath, classifyWhiteout } from './layer-types.js';
export type { LayerEntry, LayerEntryKind, LayerFiles } from './layer-types.js';
export { stackLayers, lookup, layerEntry } from './layer-stack.js';
export type { FsNode, FsNodeKind, LayerEffect, PathHistory, Stack } from './layer-stack.js';
export { wasteOf } from './waste.js';
export type { WasteReport, WastedPath } from './waste.js';
export { buildDirTree, directoriesTo, directorySizeMap } from './dir-tree.js';
export type { DirNode, DirSize } from './dir-tree.js';
export { packagesFromVdbFiles, packageDbFromRecord, toRecordedPackages, isVdbFile } from './package-db.js';
export type { PackageDb, PackageDbSource, InstalledPackage, PackageFile, RecordedPackages, RecordedDb, VdbKey } from './package-db.js';
export { packageSizes } from './package-sizes.js';
export type { PackageSize, PackageSizes } from './package-sizes.js';
export { buildInspection, inspectionJson, imagePackageDb } from './inspection.js';
export type { Inspection, InspectionInput, InspectionJson, ImageFacts, BuildFacts, BaseFacts, BaseShare, LayerRow } from './inspection.js';
export { diffViews, viewOf, basePrefixView } from './diff.js';
export type { ImageDiff, ImageView, PackageDelta, PackageSide, DirDelta } from './diff.js';
export { renderSbom } from './sbom/sbom.js';
export { cycloneDx } from './sbom/cyclonedx.js';
export { spdxDocument } from './sbom/spdx.js';
export { licenseNames, licenseRef } from './sbom/license-names.js';
export { packageUrl } from './sbom/sbom-input.js';
export type { SbomInput, SbomFormat } from './sbom/sbom-input.js';
export { generateDockerfile } from './dockerfile/generate-dockerfile.js';
export type { DockerfileInput } from './dockerfile/generate-dockerfile.js';
