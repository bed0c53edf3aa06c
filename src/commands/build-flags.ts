// The options of `build`, `builds` and `attach`, shared by their registration (build.ts) and bodies.
import type { EngineFlags } from './output.js';

export interface BuildFlags extends EngineFlags {
  plain?: boolean;
  json?: boolean;
  tag?: string[];
  cache?: boolean;
  plan?: boolean;
}
