// The body of `gentoo-wb inspect`: read the image (and the other side of a diff), print text or JSON.
import { basePrefixView, diffViews, viewOf, type ImageView } from '../core/inspect/diff.js';
import { inspectionJson } from '../core/inspect/inspection.js';
import type { InspectFlags, InspectRequest } from './inspect-request.js';
import { diffText, dirsText, layersText, packagesText, summaryText } from './inspect-text.js';
import { connectForCommand, createProgress, printJson, runCommand } from './output.js';

/** Run an inspect request. */
export async function runInspectCommand(request: InspectRequest, flags: InspectFlags): Promise<void> {
  await runCommand(async (signal) => {
    const [{ inspectImageContents }, { previousResultImage }, { EngineError }] = await Promise.all([
      import('../engine/inspect/inspect-image.js'),
      import('../engine/inspect/build-lookup.js'),
      import('../engine/docker/errors.js'),
    ]);
    const { docker } = await connectForCommand(flags);
    const progress = createProgress(process.stderr, { quiet: flags.quiet === true || request.json });
    progress.step(`reading ${request.image}`);
    const read = (ref: string) => inspectImageContents(docker, ref, { signal, onProgress: (p) => progress.update(p.bytes, p.totalBytes) });
    const inspected = await read(request.image);
    progress.clear();
    const ins = inspected.inspection;
    if (request.diff === null) {
      if (request.json) {
        const json = inspectionJson(ins, request.depth);
        printJson(request.section === 'summary' ? json : json[request.section]);
        return;
      }
      const text = request.section === 'layers' ? layersText(ins) : request.section === 'packages' ? packagesText(ins) : request.section === 'dirs' ? dirsText(ins, request.depth) : summaryText(ins, inspected.notes);
      process.stdout.write(text);
      return;
    }
    let from: ImageView;
    if (request.diff === 'base') {
      const prefix = basePrefixView(ins);
      if (prefix) from = prefix;
      else {
        const ref = ins.base?.id ?? null;
        if (!ref) throw new EngineError('not-found', `${request.image} names no base image that this engine has`, 'diff against an image by name: --diff IMAGE');
        progress.step(`reading the base image ${ins.base?.ref ?? ref}`);
        from = viewOf((await read(ref)).inspection, `base ${ins.base?.ref ?? ref}`);
      }
    } else if (request.diff === 'previous') {
      const previous = await previousResultImage(docker, { id: ins.image.id, created: ins.image.created, labels: ins.image.labels }, inspected.build);
      if (!previous) throw new EngineError('not-found', `no earlier build of the recipe of ${request.image} is on this engine`, 'build the recipe twice, or diff against an image by name: --diff IMAGE');
      progress.step(`reading the ${previous.label}`);
      from = viewOf((await read(previous.id)).inspection, previous.label);
    } else {
      progress.step(`reading ${request.diff}`);
      from = viewOf((await read(request.diff)).inspection, request.diff);
    }
    progress.clear();
    const diff = diffViews(from, viewOf(ins, request.image));
    if (request.json) printJson(diff);
    else process.stdout.write(diffText(diff));
  });
}
