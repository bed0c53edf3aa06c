// `gentoo-wb clean [--dry-run] [--volumes]`: list, then remove, what gentoo-wb left behind — only
// objects with org.gentoo-wb.* labels, of the current namespace (GENTOO_WB_NAMESPACE); result images
// are never touched.
import type { Command } from 'commander';
import { connectForCommand, formatTable, humanSize, printJson, runCommand, type EngineFlags } from './output.js';
import { EXIT_FAILED, EXIT_OK } from './usage-error.js';

interface CleanOptions extends EngineFlags {
  dryRun?: boolean;
  volumes?: boolean;
  running?: boolean;
  build?: string;
  json?: boolean;
}

/** Register `clean` on the program. */
export function register(program: Command): void {
  program
    .command('clean')
    .description('remove containers, temporary images and (with --volumes) cache volumes left by gentoo-wb')
    .option('-n, --dry-run', 'only list what would be removed')
    .option('--volumes', 'also remove cache volumes (distfiles, binary packages, ccache)')
    .option('--running', 'also stop and remove running gentoo-wb containers (builds in progress)')
    .option('--build <id>', 'only the objects of this build')
    .option('--engine <name>', 'clean this configured engine (`gentoo-wb engines list`)')
    .option('--json', 'print {namespace, dryRun, remove, kept, removed, failed} for scripts')
    .action(async (_opts: CleanOptions, command: Command) => {
      const opts = command.optsWithGlobals<CleanOptions>();
      await runCommand(async () => {
        const [{ findLeftovers, removeLeftovers }, { currentNamespace }] = await Promise.all([import('../engine/docker/cleanup.js'), import('../engine/docker/object-names.js')]);
        // Read first: an unusable GENTOO_WB_NAMESPACE stops clean before it talks to the engine.
        const namespace = currentNamespace();
        const { docker } = await connectForCommand(opts);
        if (!opts.dryRun) {
          // A build whose gentoo-wb process died while preparing is recorded as interrupted first (its
          // never-started container goes), so it is not kept as "attach finishes it".
          // Only builds of the engine being cleaned: another engine's containers cannot be looked at here.
          const [{ listBuildStates }, { reconcileInterrupted }, { engineOf }, { LOCAL_ENGINE }] = await Promise.all([
            import('../engine/build/build-store.js'), import('../engine/build/reconcile-interrupted.js'), import('../engine/engines/engine-builds.js'), import('../engine/engines/engine-spec.js'),
          ]);
          const engine = opts.engine ?? LOCAL_ENGINE;
          await reconcileInterrupted(docker, (await listBuildStates()).filter((s) => engineOf(s) === engine));
        }
        const report = await findLeftovers(docker, {
          ...(opts.build ? { buildId: opts.build } : {}), volumes: opts.volumes === true, running: opts.running === true, namespace,
        });
        const row = (o: (typeof report.remove)[number]) => [o.kind, o.name, o.role, o.buildId ?? '-', o.size === null ? '' : humanSize(o.size)];
        if (!opts.json) {
          if (report.remove.length === 0) process.stdout.write('nothing to remove\n');
          else process.stdout.write(`${opts.dryRun ? 'would remove' : 'removing'}:\n${formatTable(['KIND', 'NAME', 'ROLE', 'BUILD', 'SIZE'], report.remove.map(row))}`);
          if (report.kept.length > 0) {
            process.stdout.write(`kept:\n${formatTable(['KIND', 'NAME', 'WHY'], report.kept.map((k) => [k.object.kind, k.object.name, k.reason]))}`);
          }
        }
        if (opts.dryRun) {
          if (opts.json) printJson({ namespace, dryRun: true, remove: report.remove, kept: report.kept, removed: [], failed: [] });
          process.exitCode = EXIT_OK;
          return;
        }
        const outcome = await removeLeftovers(docker, report.remove);
        const failed = outcome.failed.map((f) => ({ ...f.object, error: f.error.message, hint: f.error.hint }));
        if (opts.json) {
          printJson({ namespace, dryRun: false, remove: report.remove, kept: report.kept, removed: outcome.removed, failed });
        } else {
          for (const f of failed) process.stderr.write(`gentoo-wb: could not remove ${f.kind} ${f.name}: ${f.error}\n  hint: ${f.hint}\n`);
          if (report.remove.length > 0) process.stdout.write(`removed ${outcome.removed.length} of ${report.remove.length}\n`);
        }
        process.exitCode = failed.length === 0 ? EXIT_OK : EXIT_FAILED;
      });
    });
}
