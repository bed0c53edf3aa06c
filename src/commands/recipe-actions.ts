// The bodies of `gentoo-wb recipe new|show|validate`.
import { access, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sanitizeLines, sanitizeText } from '../core/format/sanitize.js';
import { recommendSizing } from '../core/host/sizing.js';
import { parseBinhostWord } from '../core/recipe/binhost-sources.js';
import { newRecipe } from '../core/recipe/new-recipe.js';
import { recipeHash } from '../core/recipe/recipe-hash.js';
import { parseRecipe } from '../core/recipe/recipe-json.js';
import { formatProblem, type RecipeProblem } from '../core/recipe/recipe-problems.js';
import { BUILD_MODES, type BuildModeKind, type Recipe } from '../core/recipe/recipe-schema.js';
import { recipeSummary } from '../core/recipe/recipe-summary.js';
import { validateRecipe } from '../core/recipe/recipe-validate.js';
import { renderPortageFiles } from '../core/recipe/render-portage-files.js';
import { defaultRecipePath, saveRecipeFile } from '../engine/recipes/recipe-store.js';
import { connectForCommand, printJson, runCommand, type EngineFlags } from './output.js';
import { UsageError } from './usage-error.js';

/** Flags of the subcommands that read the tree. */
export interface TreeCheckFlags extends EngineFlags {
  offline?: boolean;
}

export interface RecipeNewFlags extends TreeCheckFlags {
  base: string;
  name?: string;
  package?: string[];
  mode?: string;
  tag?: string[];
  use?: string;
  portageImage?: string;
  entrypoint?: string;
  cmd?: string[];
  force?: boolean;
  parents?: boolean;
  binhost?: string[];
  onMissing?: string;
  /** Engines for distccd helpers (repeatable). */
  distcc?: string[];
}

/** A bare name (no slash, no .json) is a recipe in the default folder; anything else is a path. */
function recipeFilePath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  return file.includes('/') || file.endsWith('.json') ? file : defaultRecipePath(file, env);
}

/** A usable recipe name from a file name: `My PHP.json` → `My-PHP`. */
export function nameFromFile(file: string): string {
  const stem = path.basename(file).replace(/\.json$/i, '');
  const cleaned = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned || 'recipe';
}

/** A failure with advice (exit 1), printed by runCommand as message + hint. */
class CommandFailure extends Error {
  constructor(message: string, readonly kind: 'not-found' | 'conflict' | 'io', readonly hint: string) {
    super(message);
  }
}

function invalid(file: string, problems: readonly RecipeProblem[]): UsageError {
  return new UsageError(`${sanitizeText(file)} is not a valid recipe:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
}

/** Read the file (failure: exit 1) and check it (invalid: exit 2). */
async function loadChecked(file: string): Promise<Recipe> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CommandFailure(
      code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${code ?? (err as Error).message})`,
      'not-found',
      code === 'ENOENT' ? 'create one with gentoo-wb recipe new FILE --base IMAGE --package ATOM' : 'check the path and its permissions',
    );
  }
  const parsed = parseRecipe(text);
  if (!parsed.ok) throw invalid(file, parsed.problems);
  return parsed.recipe;
}

/** Atoms checked against the base's tree: problems, or null when not checked (--offline, or the tree cannot be read: a note says why). */
async function treeProblems(recipe: Recipe, flags: TreeCheckFlags): Promise<{ tree: string; problems: RecipeProblem[] } | null> {
  if (flags.offline) return null;
  const note = (text: string) => process.stderr.write(`gentoo-wb: note: ${sanitizeText(text)}\n`);
  try {
    const [{ createRepoIndexReader }, { checkRecipeAtoms }] = await Promise.all([import('../engine/repo/repo-index-reader.js'), import('../core/recipe/atom-check.js')]);
    const connection = await connectForCommand(flags);
    const { index, note: partial } = await createRepoIndexReader(connection.docker).read(recipe.portage, recipe.base.image);
    if (partial !== null) note(`${partial} (${index.source})`);
    return { tree: index.source, problems: checkRecipeAtoms(index, recipe) };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as Error & { hint?: unknown };
    note(`packages not checked against the tree: ${e.message}${typeof e.hint === 'string' ? ` (${e.hint})` : ''}`);
    return null;
  }
}

/** Exit 1 with one line per atom the tree does not have. */
function treeFailure(file: string, tree: string, problems: readonly RecipeProblem[], hint: string): CommandFailure {
  const count = problems.length;
  return new CommandFailure(`${sanitizeText(file)}: ${count} atom${count === 1 ? '' : 's'} not buildable from ${sanitizeText(tree)}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`, 'not-found', hint);
}

/** `recipe new`. */
export async function runRecipeNew(fileArg: string, flags: RecipeNewFlags): Promise<void> {
  await runCommand(async () => {
    if (!(BUILD_MODES as readonly string[]).includes(flags.mode ?? 'commit')) {
      throw new UsageError(`--mode ${flags.mode}: choose one of ${BUILD_MODES.join(', ')}`);
    }
    if (flags.onMissing !== undefined && flags.onMissing !== 'compile' && flags.onMissing !== 'fail') {
      throw new UsageError(`--on-missing ${sanitizeText(flags.onMissing)}: choose compile or fail`);
    }
    const hosts = (flags.binhost ?? []).map((word) => {
      const parsed = parseBinhostWord(word);
      if (!parsed.ok) throw new UsageError(`--binhost ${sanitizeText(parsed.problem)}`);
      return parsed.source;
    });
    const file = recipeFilePath(fileArg);
    const sizing = recommendSizing(os.cpus().length, os.totalmem());
    const recipe = newRecipe({
      binaries: { hosts, onMissing: (flags.onMissing ?? 'compile') as 'compile' | 'fail' },
      name: flags.name ?? nameFromFile(file),
      base: flags.base,
      packages: flags.package ?? [],
      mode: (flags.mode ?? 'commit') as BuildModeKind,
      tags: flags.tag ?? [],
      ...(flags.use !== undefined ? { use: flags.use } : {}),
      ...(flags.portageImage !== undefined ? { portageImage: flags.portageImage } : {}),
      ...(flags.entrypoint !== undefined ? { entrypoint: [flags.entrypoint] } : {}),
      ...(flags.cmd !== undefined ? { cmd: flags.cmd } : {}),
      sizing: { jobs: sizing.emergeJobs, makeopts: sizing.makeopts },
      ...(flags.engine !== undefined ? { engine: flags.engine } : {}),
      ...(flags.distcc !== undefined ? { distccEngines: flags.distcc } : {}),
    });
    const problems = validateRecipe(recipe);
    if (problems.length > 0) throw invalid(file, problems);
    await refuseUnknownEngines(file, recipe);
    const checked = await treeProblems(recipe, flags);
    if (checked && checked.problems.length > 0) throw treeFailure(file, checked.tree, checked.problems, 'fix the atoms, or pass --offline to write the recipe without checking them');
    // A bare name goes to the recipes folder, which is ours to create; a path's folder is the user's.
    const folder = path.dirname(path.resolve(file));
    const ownFolder = file !== fileArg;
    if (!ownFolder && !flags.parents && !(await stat(folder).then((st) => st.isDirectory(), () => false))) {
      throw new CommandFailure(`${sanitizeText(folder)} does not exist (or is not a folder)`, 'not-found', 'create it first, or pass --parents to create it');
    }
    if (!flags.force && (await access(file).then(() => true, () => false))) {
      throw new CommandFailure(`${file} already exists`, 'conflict', 'choose another file, or pass --force to overwrite it');
    }
    try {
      await saveRecipeFile(file, recipe);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new CommandFailure(`cannot write ${file} (${code})`, 'io', 'check that the folder can be created and that you may write there');
    }
    process.stdout.write(`${file}\n`);
  });
}

/** Engine names of the recipe that are not configured: a usage error before anything is written. */
async function refuseUnknownEngines(file: string, recipe: Recipe): Promise<void> {
  const { unknownRecipeEngines } = await import('../engine/distcc/known-engines.js');
  const unknown = unknownRecipeEngines(recipe);
  if (unknown.length === 0) return;
  throw invalid(file, unknown.map((u) => ({ field: u.field, problem: u.message, hint: u.hint })));
}

/** `recipe show`. */
export async function runRecipeShow(fileArg: string, opts: { json?: boolean }): Promise<void> {
  await runCommand(async () => {
    const file = recipeFilePath(fileArg);
    const recipe = await loadChecked(file);
    const files = renderPortageFiles(recipe);
    if (opts.json) {
      printJson({ path: file, recipe, hash: recipeHash(recipe), files: files.map((f) => ({ path: f.path, mode: `0${f.mode.toString(8)}`, content: f.content })) });
      return;
    }
    const out = [...recipeSummary(recipe), ''];
    for (const f of files) out.push(`--- ${f.path} (0${f.mode.toString(8)})`, f.content.replace(/\n$/, ''), '');
    // Gentoo's binhost URL needs the base's profile and a served binhost's its address: known when a build plans.
    if (recipe.binaries.hosts.length > 0) out.push('--- /etc/portage/binrepos.conf/ is written when the build plans (the base\'s profile, served binhosts\' addresses): gentoo-wb build --plan shows it', '');
    // Every line quotes the recipe: shown safe (an OSC 52 in a value must not reach the clipboard).
    process.stdout.write(sanitizeLines(out.join('\n')));
  });
}

/** `recipe validate`. */
export async function runRecipeValidate(fileArg: string, flags: TreeCheckFlags = {}): Promise<void> {
  await runCommand(async () => {
    const file = recipeFilePath(fileArg);
    const recipe = await loadChecked(file);
    await refuseUnknownEngines(file, recipe);
    const checked = await treeProblems(recipe, flags);
    if (checked && checked.problems.length > 0) throw treeFailure(file, checked.tree, checked.problems, 'fix the atoms (the Recipe step of the gentoo-wb terminal UI searches the tree as you type), or pass --offline to check the syntax only');
    const count = recipe.packages.length;
    const found = checked ? `; atoms found in ${checked.tree}` : '';
    process.stdout.write(`${sanitizeText(`${file}: valid (${recipe.name}: ${count} package${count === 1 ? '' : 's'}, ${recipe.mode.kind} mode, base ${recipe.base.image}${found})`)}\n`);
  });
}
