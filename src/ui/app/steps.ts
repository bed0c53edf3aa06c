// The six steps of a session, in order, with the one sentence each says about itself.
export type StepId = 'host' | 'base' | 'recipe' | 'pretend' | 'build' | 'result';

export interface StepInfo {
  id: StepId;
  number: number;
  title: string;
  /** What the step does, shown in help and while the step is not available. */
  summary: string;
}

export const STEPS: readonly StepInfo[] = [
  { id: 'host', number: 1, title: 'Host', summary: 'Checks the kernel, cgroups, socket permissions and the engine, and says how to fix what is missing.' },
  { id: 'base', number: 2, title: 'Base', summary: 'Chooses the gentoo/stage3 image (or a local one, or an imported tarball) and the Portage tree source.' },
  { id: 'recipe', number: 3, title: 'Recipe', summary: 'Edits packages, USE flags, package.use, keywords, make.conf, the build mode and the image config.' },
  { id: 'pretend', number: 4, title: 'Pretend', summary: 'Runs emerge --pretend in a throwaway container and shows the merge list, blockers and the changes Portage asks for.' },
  { id: 'build', number: 5, title: 'Build', summary: 'Runs the build in a labelled container and shows every parallel emerge job live, with logs and failures.' },
  { id: 'result', number: 6, title: 'Result', summary: 'Shows where every megabyte of the image comes from, tags it and exports it with the recipe and an SBOM.' },
];

/** The step with this number (1-6), if any. */
export function stepByNumber(n: number): StepInfo | undefined {
  return STEPS.find((s) => s.number === n);
}
