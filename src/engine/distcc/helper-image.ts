// The distccd helpers' image: the build's base plus sys-devel/distcc, emerged for real once per base
// image on each helper engine and committed as a labelled image (role distcc-image, keyed by the base's
// image ID through the source-image label), then reused. Same base, same compiler: what a helper
// compiles links with what the build compiles itself.
import type Dockerode from 'dockerode';
import { shortId } from '../../core/format/short-id.js';
import { gentooWbLabelFilters, gentooWbLabels, inNamespace, LABEL } from '../../core/labels.js';
import { DISTCC_PACKAGE } from '../../core/distcc/distcc-plan.js';
import type { PortageSource } from '../../core/recipe/recipe-schema.js';
import { appVersion } from '../app-info.js';
import { commitContainer, EngineError, ensurePortageSnapshot, inspectImage, listImages, removeContainerSurely, type MountSpec } from '../docker/index.js';
import { runToEnd } from '../docker/run-to-end.js';
import { currentNamespace, objectName } from '../docker/object-names.js';

export interface HelperImage {
  id: string;
  /** Made now (false: an earlier one reused). */
  made: boolean;
  seconds: number;
}

/** Lines of the emerge's output a failure quotes. */
const TAIL_LINES = 15;

/** The helper image of `baseImageId` on this engine, if one was made before. */
async function findHelperImage(docker: Dockerode, baseImageId: string): Promise<string | null> {
  const namespace = currentNamespace();
  const images = await listImages(docker, { labels: [...gentooWbLabelFilters({ role: 'distcc-image', namespace }), `${LABEL.sourceImage}=${baseImageId}`] });
  return images.find((i) => inNamespace(i.labels, namespace))?.id ?? null;
}

/** Where the emerge finds the ebuild repository: as the recipe's build does, on this engine. */
async function treeMounts(docker: Dockerode, portage: PortageSource): Promise<{ mounts: MountSpec[]; volumesFrom: string[] }> {
  if (portage.source === 'snapshot') {
    const snapshot = await ensurePortageSnapshot(docker, { image: portage.image, toolVersion: appVersion() });
    return { mounts: [], volumesFrom: [snapshot.volumesFrom] };
  }
  if (portage.source === 'host') return { mounts: [{ kind: 'bind', source: portage.path, target: '/var/db/repos/gentoo', readOnly: true }], volumesFrom: [] };
  return { mounts: [], volumesFrom: [] };
}

/**
 * The helper image for `baseImage` (present on this engine), made when missing: `emerge --oneshot
 * sys-devel/distcc` in a labelled container from the base, committed. A failed emerge says why (its last lines).
 */
export async function ensureHelperImage(docker: Dockerode, baseImage: string, portage: PortageSource, engineName: string, signal?: AbortSignal): Promise<HelperImage> {
  const started = Date.now();
  const base = await inspectImage(docker, baseImage);
  const found = await findHelperImage(docker, base.id);
  if (found) return { id: found, made: false, seconds: 0 };
  const namespace = currentNamespace();
  const tree = await treeMounts(docker, portage);
  let run;
  try {
    run = await runToEnd(docker, {
      image: base.id,
      name: objectName(`distcc-image-${shortId(base.id)}-${Date.now().toString(36)}`, namespace),
      entrypoint: [],
      cmd: ['emerge', '--oneshot', '--verbose', '--color=n', DISTCC_PACKAGE],
      // Portage's process sandboxes need unshare(), which a default container refuses.
      env: { FEATURES: '-ipc-sandbox -network-sandbox -pid-sandbox', CLEAN_DELAY: '0' },
      mounts: tree.mounts,
      volumesFrom: tree.volumesFrom,
      labels: gentooWbLabels({ version: appVersion(), role: 'distcc-helper', sourceImage: base.id, namespace }),
    }, { signal, tail: TAIL_LINES, keep: true });
  } catch (err) {
    if (signal?.aborted) throw new EngineError('aborted', 'the distcc helper image was not made: cancelled', 'nothing to do');
    throw err;
  }
  const id = run.id;
  try {
    if (run.exitCode !== 0) {
      throw new EngineError('bad-request', `emerge ${DISTCC_PACKAGE} for the distcc helpers failed on engine "${engineName}" (exit ${run.exitCode}); its last lines:\n${run.output.trimEnd()}`,
        `the helpers need ${DISTCC_PACKAGE} from the recipe's ebuild repository; fix that, or remove the distcc option`);
    }
    const image = await commitContainer(docker, id, {
      tag: objectName(`distcc-helper:${shortId(base.id)}`, namespace),
      labels: gentooWbLabels({ version: appVersion(), role: 'distcc-image', sourceImage: base.id, namespace }),
      message: `gentoo-wb: ${baseImage} plus ${DISTCC_PACKAGE} for distccd helpers`,
      pause: false,
    });
    return { id: image, made: true, seconds: (Date.now() - started) / 1000 };
  } finally {
    await removeContainerSurely(docker, id);
  }
}
