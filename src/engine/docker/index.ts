// Public face of the engine layer's Docker/Podman access: the TUI, host checks, pretend, build and
// result parts import from here.
export type {
  Endpoint, EndpointError, EndpointResolution, EndpointSource, EndpointWarning, EndpointWarningCode, FileReader, HostAddress, ResolveInput, TlsSettings,
} from './endpoint-types.js';
export { resolveEndpoint } from './endpoint.js';
export { parseDockerHost } from './host-url.js';
export { dockerConfigDir } from './context-store.js';
export { dockerFor, pingEngine, realFiles, resolveBasicEndpoint, resolveProcessEndpoint, type DockerConnection, type EndpointFlags, type PingResult } from './client.js';
export { connectEngine, connectToEndpoint, type ConnectOptions, type EngineConnection } from './connect.js';
export { discoverSockets, type DiscoveredSocket, type SocketKind, type SocketProbe } from './socket-discovery.js';
export { identifyEngine, type EngineInfo, type EngineKind } from './engine-info.js';
export { EngineError, toEngineError, type EngineErrorKind } from './errors.js';
export { engineKindFor } from './engine-kind.js';

export { listImages, inspectImage, imageExists, tagImage, removeImage, type ImageSummary, type ImageDetails, type RemoveResult } from './images.js';
export { parseImageRef, withDefaultTag, invalidTagReason, type ImageRef } from './image-ref.js';
export { checkChange, changesFor, carryConfig, type ChangeDialect, type ConfigChanges, type InspectedConfig } from './image-changes.js';
export { pullImage, type PullOptions } from './pull.js';
export { PullProgress, pullEventOf, type PullEvent, type LayerPhase } from './pull-progress.js';
export { importTarball, importStream, type ImportOptions, type ImportResult, type Compression } from './import.js';
export { saveImages, loadImages, openImageArchive, type ArchiveCompression, type SaveOptions, type LoadResult } from './save-load.js';
export { writeStreamAtomically, type AtomicWriteOptions, type AtomicWriteResult } from './atomic-file.js';
export type { TransferProgress, ProgressListener } from './transfer.js';

export type { ContainerSpec, MountSpec } from './container-spec.js';
export { createContainer, startContainer, waitContainer, killContainer, removeContainer, removeContainerSurely, inspectContainer, listContainers, type ContainerState, type ContainerSummary } from './containers.js';
export { runToEnd, type RunToEndOptions, type RunToEndResult } from './run-to-end.js';
export { execCapture, type ExecOptions, type ExecResult } from './exec.js';
export { containerLogs, type LogOptions } from './logs.js';
export { FrameParser, demultiplex, type Frame } from './demux.js';
export { uploadFiles, downloadPath, readContainerFile, type UploadEntry, type DownloadedEntry } from './archive.js';
export { commitContainer, type CommitOptions } from './commit.js';
export { flattenImage, type FlattenOptions, type FlattenResult } from './flatten.js';
export { exportImage, type ExportImageOptions, type ExportResult, type ExportStep } from './export.js';

export { createVolume, inspectVolume, listVolumes, removeVolume, type VolumeSummary } from './volumes.js';
export { ensurePortageSnapshot, type PortageSnapshot } from './portage-snapshot.js';
export { findLeftovers, removeLeftovers, type Leftover, type LeftoverReport, type CleanupScope, type CleanupOutcome } from './cleanup.js';
export { newBuildId, temporaryImageName } from './object-names.js';
