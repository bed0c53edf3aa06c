// The pure core's parsers and rules in one module, for the benchmarks (dist/core/index.js) and the garbage test;
// the app itself imports each file directly.

// Events of a build (parser + runner).
export * from './events.js';

// Versions, names, atoms.
export { parseVersion, isValidVersion, compareVersions, versionMatches } from './portage/version.js';
export type { Version, VersionSuffix, VersionSuffixKind, VersionOperator } from './portage/version.js';
export { checkCategory, checkPackageName, checkSlotName, checkRepoName, splitCpv, cpOf } from './portage/names.js';
export type { Cpv, NameProblem } from './portage/names.js';
export { parseAtom, parsePackageAtom } from './portage/atom-parser.js';
export type { AtomOptions } from './portage/atom-parser.js';
export { formatAtom } from './portage/atom-format.js';
export { atomMatches } from './portage/atom-match.js';
export type { PackageRef } from './portage/atom-match.js';
export type { Atom, PackageAtom, SetAtom, SlotDep, UseDep, UseDepKind, Blocker, AtomError, AtomPart, AtomResult } from './portage/atom-types.js';

// USE flags and USE_EXPAND.
export {
  checkUseFlagName, isValidUseFlagName, joinUseExpandFlag, isUseExpandVariable,
} from './portage/use-flags.js';
export type { UseFlagProblem } from './portage/use-flags.js';

// Terminal text.
export { stripAnsi, splitTerminalLines, applyBackspaces } from './portage/terminal-text.js';

// make.conf.
export { parseMakeConf } from './portage/make-conf/make-conf-parser.js';
export { evaluateMakeConf, isIncrementalVariable } from './portage/make-conf/make-conf-eval.js';
export type { MakeConfValues } from './portage/make-conf/make-conf-eval.js';
export type { MakeConfDoc, MakeConfNode, AssignmentNode, ValuePart } from './portage/make-conf/make-conf-types.js';

// package.* files.
export { parsePackageFile } from './portage/package-files/package-file-parser.js';
export type { PackageFileKind, PackageFileDoc, PackageFileLine, PackageEntry, EntryProblem } from './portage/package-files/package-file-types.js';

// Flag descriptions.
export { parseUseDesc, parseUseLocalDesc } from './portage/descriptions/use-desc.js';
export type { UseDescription, UseDescFile } from './portage/descriptions/use-desc.js';
export { parseMetadataXml, flagDescriptions } from './portage/descriptions/metadata-xml.js';
export type { MetadataXml, MetadataFlag } from './portage/descriptions/metadata-xml.js';

// emerge --pretend.
export { parsePretend } from './portage/pretend/pretend-parser.js';
export { parseMergeLine, parsePackageToken } from './portage/pretend/merge-line.js';
export type { PackageToken } from './portage/pretend/merge-line.js';
export { parseSizeText } from './portage/pretend/size.js';
export { parseTotalLine } from './portage/pretend/total-line.js';
export { CHANGE_FILES } from './portage/pretend/autounmask.js';
export type {
  PretendResult, PretendPackage, PretendTotal, PretendProblem, ProblemKind, PackageChange, ChangeKind, UseFlagState, OldVersion,
  BlockerInfo, MergeKind, PretendNotice, UnknownLine, PretendHeader, ConflictInstance, PulledInBy, MaskedCandidate,
} from './portage/pretend/pretend-types.js';

// Build output stream.
export { createBuildStreamParser } from './portage/build-stream/build-stream-parser.js';
export type { BuildStreamParser, BuildStreamOptions, StreamName } from './portage/build-stream/build-stream-parser.js';
export { classifyBuildLine } from './portage/build-stream/build-line.js';
export type { BuildLineFact } from './portage/build-stream/build-line.js';
export { createLineSplitter } from './portage/build-stream/line-splitter.js';
export type { LineSplitter } from './portage/build-stream/line-splitter.js';

// emerge.log and ETA.
export { parseEmergeLog } from './portage/emerge-log/emerge-log-parser.js';
export type { EmergeLog, EmergeLogMerge, EmergeLogSession, EmergeLogUnmerge, EmergeLogSync } from './portage/emerge-log/emerge-log-parser.js';
export { estimatePackageSeconds, buildHistory, remainingSeconds } from './portage/eta/eta.js';
export type { BuildHistory, PlanItem, PackageEstimate, EstimateSource } from './portage/eta/eta.js';

// emerge --info.
export { parseEmergeInfo } from './portage/emerge-info/emerge-info-parser.js';
export type { EmergeInfo, InfoRepository, InfoPackageVersion } from './portage/emerge-info/emerge-info-parser.js';
