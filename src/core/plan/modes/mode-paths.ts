// Where the build modes put things inside the builder container. Helpers live beside the step
// runner (removed with it when the steps succeed); what the host reads after the steps (package
// capture, CPU facts) lives outside it, because the runner deletes its own folder on success.
import { RUNNER_DIR } from '../step-runner.js';

/** Where scratch builds install: the future image's root inside the builder. */
export const SCRATCH_ROOT = '/destination';

/** Constant helper scripts the mode steps run (argv in, never shell text from the recipe). */
export const HELPER_DIR = `${RUNNER_DIR}/helpers`;

/** Put first on PATH for emerge into ROOT: the no-op `eselect`. */
export const STUB_BIN_DIR = `${RUNNER_DIR}/bin`;

/** The PATH of a Gentoo container (the stage3 images' ENV), for steps that prepend to it. */
export const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What the steps leave for the host to read from the stopped builder. */
const BUILD_OUTPUT_DIR = '/var/lib/gentoo-wb-build';

/** Scratch: ROOT's package database and file sizes, copied before stripping. */
export const CAPTURE_DIR = `${BUILD_OUTPUT_DIR}/capture`;

/** Stage4: the -march the build targets and the CPU flags that means (key=value lines). */
export const CPU_FACTS_PATH = `${BUILD_OUTPUT_DIR}/cpu-facts`;
