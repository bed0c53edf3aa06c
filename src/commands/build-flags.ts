// The options of `build`, `builds` and `attach`, shared by their registration (build.ts) and bodies.
import type { EngineFlags } from './output.js';

export interface BuildFlags extends EngineFlags {
  plain?: boolean;
  json?: boolean;
  tag?: string[];
  cache?: boolean;
  plan?: boolean;
  /** A farm (`build R1 R2 … --engines a,b`): the engines to spread the recipes over, comma-separated. */
  engines?: string;
}
