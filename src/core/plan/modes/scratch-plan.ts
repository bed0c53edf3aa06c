// scratch mode: `ROOT=/destination emerge …` in a builder from the base, then an image made only of
// that tree and the recipe's config. The C library is copied from the builder's installed package
// (its CONTENTS), not rebuilt; eselect is stubbed under ROOT and its links made explicitly; the
// package database is captured before stripping; every ELF file is checked for missing libraries.
import { basePlan, smokeTestStep, type PlanInput } from '../base-plan.js';
import type { BuildPlan, ContainerStep, FinishStep, PlanFile } from '../plan-types.js';
import { effectiveMakeConf, emergeArgv, emergeEnv } from '../shared-pieces.js';
import { lineValueProblem, RUNNER_DIR } from '../step-runner.js';
import { eselectLinkArgs, ESELECT_LINKS } from './eselect-links.js';
import { eselectStubFile, helperFiles, helperPath } from './helper-scripts.js';
import { parseImageUser } from './image-user.js';
import { CAPTURE_DIR, CONTAINER_PATH, SCRATCH_ROOT, STUB_BIN_DIR } from './mode-paths.js';
import { stripSteps } from './scratch-strip.js';

/** The list of C library files the copy step reads (one path per line). */
const LIBC_LIST_PATH = `${RUNNER_DIR}/libc-files`;
/** Keeps Portage from building the C library into ROOT: it is copied from the builder instead. */
const PROVIDED_PATH = '/etc/portage/profile/package.provided';

const HEADER = '# Written by gentoo-wb for a scratch build: the C library is copied from the builder, not built into ROOT.\n';

function plain(id: string, title: string, argv: string[], env: Record<string, string> = {}): ContainerStep {
  return { id, title, argv, env, output: 'plain', okExitCodes: [] };
}

/** The plan of a scratch-mode recipe. */
export function planScratch(input: PlanInput): BuildPlan {
  const { recipe, base, sandbox } = input;
  if (recipe.mode.kind !== 'scratch') throw new Error(`planScratch got a ${recipe.mode.kind}-mode recipe`);
  const mode = recipe.mode;
  if (recipe.packages.length === 0) throw new Error('scratch mode needs at least one package: the image holds only what the packages install into ROOT');
  const user = recipe.image.user !== undefined ? parseImageUser(recipe.image.user) : null;
  if (user && !user.ok) throw new Error(user.problem);
  for (const file of base.libcFiles) {
    const problem = lineValueProblem(file);
    if (problem) throw new Error(`the C library file ${JSON.stringify(file)} ${problem}`);
  }
  const libc = base.libcPackage;
  const isMusl = libc?.startsWith('sys-libs/musl-') ?? false;
  const env = emergeEnv(recipe, sandbox);
  const notes: string[] = [`the image is only ${SCRATCH_ROOT} and the recipe's config: nothing else from the builder`];

  const steps: ContainerStep[] = [
    {
      id: 'emerge',
      title: `emerge ${recipe.packages.join(' ')} into ROOT=${SCRATCH_ROOT}`,
      argv: emergeArgv(recipe, { atoms: recipe.packages }),
      env: { ...env, ROOT: SCRATCH_ROOT, PATH: `${STUB_BIN_DIR}:${CONTAINER_PATH}` },
      output: 'emerge',
      okExitCodes: [],
    },
    plain('eselect-links', `Make the links eselect cannot make under ROOT (${[...new Set(ESELECT_LINKS.map((l) => l.module))].join(', ')})`, [helperPath('eselect-links'), SCRATCH_ROOT, ...eselectLinkArgs()]),
  ];
  if (mode.unmerge.length > 0) {
    steps.push(plain('unmerge', `Force-remove from ROOT, breaking their dependants on purpose: ${mode.unmerge.join(' ')}`, ['emerge', '--unmerge', '--color=n', ...mode.unmerge], { ...env, ROOT: SCRATCH_ROOT, CLEAN_DELAY: '0' }));
    notes.push(`mode.unmerge removes ${mode.unmerge.join(', ')} from the image on purpose: packages that need them break, and the ROOT check fails on every library that goes missing`);
  }
  if (base.libcFiles.length > 0) {
    steps.push(plain('libc', `Copy the C library into ROOT: ${base.libcFiles.length} files of ${libc ?? 'the C library package'} (its CONTENTS)`, [helperPath('copy-into-root'), SCRATCH_ROOT, LIBC_LIST_PATH]));
    notes.push(`${libc ?? 'the C library'} is not built into ROOT (package.provided): its ${base.libcFiles.length} files are copied from the builder`);
  } else {
    notes.push('the base lists no installed C library package (sys-libs/glibc or sys-libs/musl): the image gets none, and the ROOT check will name what is missing');
  }
  const userSpec = user?.ok ? (user.group ? `${user.user}:${user.group}` : user.user) : null;
  steps.push(plain('users', `Accounts under ROOT: root${userSpec ? ` and the image's USER ${userSpec}` : ''}`, [helperPath('root-users'), SCRATCH_ROOT, ...(userSpec ? [userSpec] : [])]));
  steps.push(
    plain('capture', 'Keep ROOT\'s package database and file sizes for the build record (before stripping)', [helperPath('capture-packages'), SCRATCH_ROOT, CAPTURE_DIR, ...(libc ? [`/var/db/pkg/${libc}`] : [])]),
  );
  steps.push(...stripSteps(mode.strip, effectiveMakeConf(recipe.makeConf).L10N ?? ''));
  if (libc && !isMusl) steps.push(plain('ldconfig', `Build ROOT's library cache: ldconfig -r ${SCRATCH_ROOT}`, ['ldconfig', '-r', SCRATCH_ROOT]));

  const finish: FinishStep[] = [
    { kind: 'capture-packages', id: 'capture-packages', title: 'Read the package database captured before stripping into the build record', vdbPath: CAPTURE_DIR },
    { kind: 'root-check', id: 'root-check', title: `ROOT check: every ELF file in ${SCRATCH_ROOT} finds its libraries there`, path: SCRATCH_ROOT },
    { kind: 'import-tree', id: 'import-tree', title: `Import ${SCRATCH_ROOT} as the image (FROM scratch) with the recipe's config`, path: SCRATCH_ROOT, config: recipe.image },
    ...smokeTestStep(recipe),
  ];
  const plan = basePlan(input, steps, finish);
  const files: PlanFile[] = [eselectStubFile(), ...helperFiles(['eselect-links', 'copy-into-root', 'root-users', 'capture-packages'])];
  if (base.libcFiles.length > 0) files.push({ path: LIBC_LIST_PATH, content: base.libcFiles.map((f) => `${f}\n`).join(''), mode: 0o644 });
  if (libc) files.push({ path: PROVIDED_PATH, content: `${HEADER}${libc}\n`, mode: 0o644 });
  return { ...plan, files: [...plan.files, ...files], notes: [...plan.notes, ...notes] };
}
