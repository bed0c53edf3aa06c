// Copy an image from one engine to another: the source engine's `docker save` stream piped straight
// into the target engine's `docker load` (no file between them), with byte progress. The image is
// saved under its names, so the target gets the same tags; an image given by ID that has no name
// arrives without one.
//
// Interrupted (the signal fires) both requests are closed. Docker's load unpacks the archive into a
// temporary folder and creates the image only after its last layer: an unfinished load makes no
// image and no tag, and Docker itself removes its temporary folder and the layers no image refers to.
import type Dockerode from 'dockerode';
import { EngineError } from '../docker/errors.js';
import { inspectImage, type ImageDetails } from '../docker/images.js';
import { loadImages, openImageArchive } from '../docker/save-load.js';
import type { ProgressListener } from '../docker/transfer.js';

export interface CopySide {
  /** How the user named the engine (`local` or a configured name), for messages. */
  name: string;
  docker: Dockerode;
}

export interface CopyPlan {
  image: ImageDetails;
  /** What is saved (and so what the target is given): the image's names, or its ID when it has none. */
  refs: string[];
  /** The target has this image ID with every one of these names already. */
  alreadyThere: boolean;
}

export interface CopyResult {
  plan: CopyPlan;
  /** Names the target reported loaded. */
  tags: string[];
  bytes: number;
  seconds: number;
}

/** Whether `ref` names the image by its ID (full, `sha256:`-prefixed or a prefix of it) rather than by a name. */
function isIdRef(ref: string, id: string): boolean {
  const hex = id.replace(/^sha256:/, '');
  const given = ref.replace(/^sha256:/, '');
  return /^[0-9a-f]{12,64}$/.test(given) && hex.startsWith(given);
}

/** Read the image on the source (refused when it is not there) and what the target has already. */
export async function planCopy(from: CopySide, to: CopySide, ref: string): Promise<CopyPlan> {
  let image: ImageDetails;
  try {
    image = await inspectImage(from.docker, ref);
  } catch (err) {
    if (err instanceof EngineError && err.kind === 'image-not-found') {
      throw new EngineError('image-not-found', `image ${JSON.stringify(ref)} is not on ${label(from.name)}`, `\`gentoo-wb images --engine ${from.name}\` lists what it has (\`gentoo-wb images\` for local)`);
    }
    throw err;
  }
  // By ID: every name the image has (all of them travel); by name: that name only, as docker save does.
  const refs = isIdRef(ref, image.id) ? (image.tags.length > 0 ? image.tags : [image.id]) : [ref];
  const there = await inspectImage(to.docker, image.id).catch(() => null);
  const alreadyThere = there !== null && refs.every((r) => r === image.id || there.tags.includes(r) || there.tags.includes(`${r}:latest`));
  return { image, refs, alreadyThere };
}

/** Stream the planned image from `from` into `to`; throws EngineError (kind `aborted` when the signal fired). */
export async function copyImageBetween(from: CopySide, to: CopySide, plan: CopyPlan, options: { signal?: AbortSignal; onProgress?: ProgressListener } = {}): Promise<CopyResult> {
  const started = performance.now();
  let bytes = 0;
  const onProgress: ProgressListener = (p) => {
    bytes = p.bytes;
    options.onProgress?.(p);
  };
  const archive = await openImageArchive(from.docker, plan.refs, options.signal);
  let loaded;
  try {
    loaded = await loadImages(to.docker, archive, { ...(options.signal ? { signal: options.signal } : {}), onProgress });
  } finally {
    archive.destroy();
  }
  return { plan, tags: loaded.tags, bytes, seconds: (performance.now() - started) / 1000 };
}

/** What an interrupted copy left on the target, in one sentence that stays true. */
export async function afterInterrupt(to: CopySide, plan: CopyPlan): Promise<string> {
  const there = await inspectImage(to.docker, plan.image.id).catch(() => null);
  const short = plan.image.id.replace(/^sha256:/, '').slice(0, 12);
  if (there !== null) return `the copy had finished before the interrupt: image ${short} is on ${label(to.name)}${there.tags.length ? ` as ${there.tags.join(', ')}` : ''}`;
  return `nothing was loaded on ${label(to.name)}: no image ${short} and no tag was made there (Docker removes an unfinished load's temporary folder and unused layers itself)`;
}

function label(name: string): string {
  return name === 'local' ? 'the local engine' : `engine "${name}"`;
}
