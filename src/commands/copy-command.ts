// The body of `gentoo-wb copy`: both engine names checked in the settings before anything connects,
// the image looked up on the source (refused when missing), then one streamed save | load with
// progress on stderr. Ctrl-C closes both streams and says what the target was left with.
import type Dockerode from 'dockerode';
import { humanSize } from '../core/format/size.js';
import { connectForCommand, createProgress, printJson, runCommand, type EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

export interface CopyFlags extends EngineFlags {
  from?: string;
  to?: string;
  quiet?: boolean;
  json?: boolean;
}

export async function runCopyCommand(image: string, flags: CopyFlags): Promise<void> {
  const from = flags.from ?? '';
  const to = flags.to ?? '';
  if (from === to) throw new UsageError(`--from and --to are both ${JSON.stringify(from)}: copy needs two engines`);
  const [{ openSettings }, { findEngine, unknownEngine }, { LOCAL_ENGINE }, copy] = await Promise.all([
    import('../engine/settings/settings-store.js'), import('../engine/engines/engine-store.js'), import('../engine/engines/engine-spec.js'), import('../engine/engines/copy-image.js'),
  ]);
  const store = openSettings();
  for (const [flag, name] of [['--from', from], ['--to', to]] as const) {
    if (name === LOCAL_ENGINE || findEngine(store, name) !== null) continue;
    const refused = unknownEngine(store, name);
    throw new UsageError(`${flag}: ${refused.message} ("local" is the default engine); ${refused.hint}`);
  }
  // -H/--context choose what "local" is; a configured engine is reached by its name.
  const connect = async (name: string): Promise<Dockerode> => (await connectForCommand(name === LOCAL_ENGINE ? { ...flags, engine: undefined } : { engine: name })).docker;
  await runCommand(async (signal) => {
    const [source, target] = await Promise.all([connect(from), connect(to)]);
    const a = { name: from, docker: source };
    const b = { name: to, docker: target };
    const plan = await copy.planCopy(a, b, image);
    const short = plan.image.id.replace(/^sha256:/, '').slice(0, 12);
    if (plan.alreadyThere) {
      if (flags.json) printJson({ image: plan.image.id, tags: plan.refs, bytes: 0, seconds: 0, copied: false });
      else process.stderr.write(`${to} has image ${short} (${plan.refs.join(', ')}) already; nothing copied\n`);
      return;
    }
    const progress = createProgress(process.stderr, { quiet: flags.quiet === true || flags.json === true });
    progress.step(`copying ${plan.refs.join(', ')} (${short}, ${humanSize(plan.image.size)}) from ${from} to ${to}`);
    try {
      const done = await copy.copyImageBetween(a, b, plan, { signal, onProgress: (p) => progress.update(p.bytes, p.totalBytes) });
      const rate = `${humanSize(done.bytes / Math.max(done.seconds, 0.001))}/s`;
      progress.done(`copied ${short} from ${from} to ${to}: ${humanSize(done.bytes)} in ${done.seconds.toFixed(1)} s (${rate}); tags: ${done.tags.join(', ') || '(none)'}`);
      if (flags.json) printJson({ image: plan.image.id, tags: done.tags, bytes: done.bytes, seconds: Math.round(done.seconds * 10) / 10, copied: true });
    } catch (err) {
      progress.clear();
      if (signal.aborted) process.stderr.write(`gentoo-wb: copy interrupted: ${await copy.afterInterrupt(b, plan)}\n`);
      throw err;
    }
  });
}
