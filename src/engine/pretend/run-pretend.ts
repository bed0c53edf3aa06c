// `emerge --pretend` for a recipe in a short-lived labelled container from the base: the recipe's
// /etc/portage files uploaded, the tree source mounted, output streamed while it runs, and the
// container removed afterwards whatever happens (also on cancel).
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type Dockerode from 'dockerode';
import { gentooWbLabels } from '../../core/labels.js';
import type { BaseFacts, SandboxFacts } from '../../core/plan/shared-pieces.js';
import { parsePretend } from '../../core/portage/pretend/pretend-parser.js';
import type { PretendResult } from '../../core/portage/pretend/pretend-types.js';
import { planPretend, type PretendCommand } from '../../core/pretend/pretend-plan.js';
import { readBaseMakeConfCached } from '../base/base-facts-cache.js';
import { profileForBinhosts, resolveServedBinhosts } from '../build/prepare-build.js';
import { explainContextOf } from '../../core/pretend/explain-problems.js';
import { pretendVerdict, type PretendVerdict } from '../../core/pretend/verdict.js';
import { recipeHash } from '../../core/recipe/recipe-hash.js';
import type { Recipe } from '../../core/recipe/recipe-schema.js';
import { appVersion } from '../app-info.js';
import { containerLogs, createContainer, EngineError, removeContainerSurely, startContainer, uploadFiles, waitContainer } from '../docker/index.js';
import { currentNamespace, objectName } from '../docker/object-names.js';
import { pretendMounts } from './pretend-mounts.js';
import { baseImageRef } from '../../core/recipe/base-image-ref.js';

export interface PretendOptions {
  recipe: Recipe;
  /** `--tree`: the dependency tree instead of the merge order. */
  tree?: boolean;
  /** Base facts when already known (the Base step): the binary package cache is mounted as in the build. */
  base?: BaseFacts | null;
  sandbox?: SandboxFacts;
  /** Extra container environment (GENTOO_WB_BUILD_ENV), as builds get. */
  containerEnv?: Record<string, string>;
  /** Output as it arrives (emerge's stderr joined to its stdout in the container, so in Portage's order). */
  onOutput?: (text: string) => void;
  /** Abort to cancel: the container is removed and the promise rejects with an `aborted` EngineError. */
  signal?: AbortSignal;
  /** Called once emerge has exited, before the container goes (the forecast reads its Packages indexes). */
  afterExit?: (containerId: string, command: PretendCommand) => Promise<void>;
}

export interface PretendRun {
  result: PretendResult;
  /** Everything emerge printed. */
  text: string;
  exitCode: number;
  elapsedMs: number;
  verdict: PretendVerdict;
  command: PretendCommand;
}

function cancelled(): EngineError {
  return new EngineError('aborted', 'pretend cancelled', 'nothing was changed; run it again when ready');
}

/** Base facts with the base image's make.conf text (and profile, for Gentoo's binhost), read when the caller did not have them. */
async function withBaseMakeConf(docker: Dockerode, recipe: Recipe, known: BaseFacts | null): Promise<BaseFacts> {
  const image = baseImageRef(recipe);
  const [makeConf, profile] = await Promise.all([
    known?.makeConf !== undefined ? known.makeConf : readBaseMakeConfCached(docker, image),
    known?.profile !== undefined ? known.profile : profileForBinhosts(docker, recipe, image),
  ]);
  return { ...(known ?? { chost: 'unknown', libcFiles: [], libcPackage: null }), makeConf, ...(profile !== undefined ? { profile } : {}) };
}

/** Run `emerge --pretend` for the recipe and parse what it printed. */
export async function runPretend(docker: Dockerode, options: PretendOptions): Promise<PretendRun> {
  const started = performance.now();
  const { recipe, signal } = options;
  // The build's cache volumes are the current namespace's; pretend reads the same ones.
  const namespace = currentNamespace();
  // The base's own make.conf is merged into the recipe's, as the build does (a base's FEATURES survive).
  const base = await withBaseMakeConf(docker, recipe, options.base ?? null);
  if (signal?.aborted) throw cancelled();
  // Served binhosts as the build resolves them: the same URL and network, the same refusals.
  const served = await resolveServedBinhosts(docker, recipe, namespace);
  const planned = planPretend(recipe, { tree: options.tree ?? false, base, namespace, served, ...(options.sandbox ? { sandbox: options.sandbox } : {}) });
  if (!planned.ok) throw new EngineError('bad-request', `cannot plan the build to pretend: ${planned.problem}`, 'fix the recipe (gentoo-wb recipe validate) or choose another build mode');
  const command = planned.command;
  if (signal?.aborted) throw cancelled();
  const { mounts, volumesFrom } = await pretendMounts(docker, recipe, command, base);
  if (signal?.aborted) throw cancelled();

  const id = await createContainer(docker, {
    image: command.image,
    name: objectName(`pretend-${randomBytes(6).toString('hex')}`, namespace),
    // One stream, in Portage's own order: it writes parts of a request (the "USE changes are necessary"
    // header) to stderr and the rest to stdout, and two pipes read apart can swap them. The script is
    // constant; emerge's argv stays argv ("$@").
    entrypoint: ['/bin/sh', '-c', 'exec "$@" 2>&1', 'sh'],
    cmd: command.argv,
    env: { ...(options.containerEnv ?? {}), ...command.env },
    mounts,
    volumesFrom,
    // 'default' is the engine's bridge: nothing to ask for; 'none' or a served binhost's network is asked for.
    ...(command.network !== 'default' ? { network: command.network } : {}),
    labels: gentooWbLabels({ version: appVersion(), role: 'probe', recipeHash: recipeHash(recipe), mode: recipe.mode.kind }),
  });
  try {
    if (signal?.aborted) throw cancelled();
    await uploadFiles(docker, id, command.files.map((f) => ({ kind: 'file' as const, path: f.path, content: f.content, mode: f.mode })));
    await startContainer(docker, id);
    // Waiting alongside the output (as `docker run` does) saves a round trip once emerge exits.
    const exited = waitContainer(docker, id, signal);
    exited.catch(() => undefined);
    const decoder = new StringDecoder('utf8');
    let text = '';
    const take = (chunk: string) => {
      if (!chunk) return;
      text += chunk;
      options.onOutput?.(chunk);
    };
    for await (const frame of containerLogs(docker, id, { follow: true, ...(signal ? { signal } : {}) })) {
      if (frame.stream === 'stdout' || frame.stream === 'stderr') take(decoder.write(frame.data));
    }
    if (signal?.aborted) throw cancelled();
    take(decoder.end());
    const exitCode = await exited;
    await options.afterExit?.(id, command);
    // A follow can end when the container stops, before the engine has logged the last lines: read
    // the whole log again and keep the longer text.
    let whole = '';
    const again = new StringDecoder('utf8');
    for await (const frame of containerLogs(docker, id)) if (frame.stream === 'stdout' || frame.stream === 'stderr') whole += again.write(frame.data);
    whole += again.end();
    if (whole.length > text.length) {
      options.onOutput?.(whole.slice(text.length));
      text = whole;
    }
    const result = parsePretend(text);
    return { result, text, exitCode, elapsedMs: performance.now() - started, verdict: pretendVerdict(result, text, exitCode, recipe, explainContextOf(command)), command };
  } catch (err) {
    if (signal?.aborted) throw cancelled();
    throw err;
  } finally {
    await removeContainerSurely(docker, id);
  }
}
