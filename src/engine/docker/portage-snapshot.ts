// The Portage tree as data: one container created from an image that declares the repository as
// a VOLUME (gentoo/portage), shared read-only by every build through VolumesFrom and reused until
// the image changes.
import type Dockerode from 'dockerode';
import { gentooWbLabels, inNamespace, LABEL } from '../../core/labels.js';
import { createContainer, inspectContainer, listContainers, startContainer, waitContainer } from './containers.js';
import { EngineError } from './errors.js';
import { inspectImage } from './images.js';
import { currentNamespace, objectName } from './object-names.js';
import { shortId } from '../../core/format/short-id.js';

const DEFAULT_PORTAGE_IMAGE = 'gentoo/portage:latest';
/** Where the tree lives since 2019; older images used /usr/portage. */
const KNOWN_REPO_PATHS = ['/var/db/repos/gentoo', '/usr/portage'];

export interface PortageSnapshotOptions {
  image?: string;
  toolVersion: string;
}

export interface PortageSnapshot {
  containerId: string;
  containerName: string;
  imageId: string;
  /** The repository folder the volume holds. */
  repoPath: string;
  /** True when an existing snapshot container was found and reused. */
  reused: boolean;
  /** What to put in a build container's VolumesFrom. */
  volumesFrom: string;
}

/** The name of the snapshot container for an image ID (`gentoo-wb-<namespace>-portage-…` in a namespace). */
function snapshotContainerName(imageId: string, namespace: string | null = currentNamespace()): string {
  return objectName(`portage-${shortId(imageId)}`, namespace);
}

/** Find or create the snapshot container for the Portage image. */
export async function ensurePortageSnapshot(docker: Dockerode, options: PortageSnapshotOptions): Promise<PortageSnapshot> {
  const imageRef = options.image ?? DEFAULT_PORTAGE_IMAGE;
  const image = await inspectImage(docker, imageRef);
  const declared = Object.keys(image.config.Volumes ?? {});
  const repoPath = KNOWN_REPO_PATHS.find((p) => declared.includes(p)) ?? (declared.length === 1 ? declared[0] : undefined);
  if (repoPath === undefined) {
    throw new EngineError('bad-request', `${imageRef} declares ${declared.length === 0 ? 'no VOLUME' : `several VOLUMEs (${declared.join(', ')})`}, so it cannot serve as a Portage snapshot`,
      'use gentoo/portage, or an image with `VOLUME /var/db/repos/gentoo`');
  }
  const namespace = currentNamespace();
  const name = snapshotContainerName(image.id, namespace);
  const result = (containerId: string, reused: boolean): PortageSnapshot => ({
    containerId, containerName: name, imageId: image.id, repoPath, reused, volumesFrom: `${name}:ro`,
  });
  const existing = await listContainers(docker, [`${LABEL.role}=portage-snapshot`, `${LABEL.sourceImage}=${image.id}`, ...(namespace ? [`${LABEL.namespace}=${namespace}`] : [])]);
  const found = existing.find((c) => inNamespace(c.labels, namespace));
  if (found) return result(found.id, true);
  let id: string;
  try {
    id = await createContainer(docker, {
      image: image.id,
      name,
      cmd: ['/bin/true'],
      network: 'none',
      labels: gentooWbLabels({ version: options.toolVersion, role: 'portage-snapshot', sourceImage: image.id, namespace }),
    });
  } catch (err) {
    // Another session created it between our look and our create: use theirs.
    if (err instanceof EngineError && err.kind === 'conflict') return result((await inspectContainer(docker, name)).id, true);
    throw err;
  }
  // Podman fills a new volume from the image only when the container is first mounted (started);
  // Docker does it at create. One run of /bin/true makes both the same.
  await startContainer(docker, id);
  const code = await waitContainer(docker, id);
  if (code !== 0) throw new EngineError('engine', `the Portage snapshot container ${name} exited with ${code}`, `the image ${imageRef} needs /bin/true (gentoo/portage is based on busybox and has it)`);
  return result(id, false);
}
