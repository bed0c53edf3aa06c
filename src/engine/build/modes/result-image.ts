// Naming and importing a result image: import needs a name up front, so it takes the build's first
// tag (all tags follow through adoptImage), or a name made from the build ID when the recipe has none.
import type { Readable } from 'node:stream';
import { engineKindFor, importStream, type ImportResult, type InspectedConfig } from '../../docker/index.js';
import type { ImageConfig } from '../../../core/recipe/recipe-schema.js';
import { adoptImage, resultLabels, type FinishContext } from '../finish-context.js';
import { importChanges } from './result-config.js';

/** The name an imported result is created under. */
function importName(ctx: FinishContext): string {
  return ctx.plan.tags[0] ?? `gentoo-wb-build/${ctx.state.id.toLowerCase()}:latest`;
}

/** Import a root file system stream as this build's image, with the config, tagged and recorded. */
export async function importResult(ctx: FinishContext, fs: Readable, config: ImageConfig, base: InspectedConfig | null, message: string): Promise<ImportResult> {
  const changes = importChanges(config, base, resultLabels(ctx), await engineKindFor(ctx.docker));
  const name = importName(ctx);
  const imported = await importStream(ctx.docker, fs, { tag: name, changes, message });
  if (ctx.plan.tags.length === 0) ctx.emit([{ type: 'log', text: `the recipe has no tags: the image is named ${name}`, t: Date.now() }]);
  await adoptImage(ctx, imported.id);
  return imported;
}

