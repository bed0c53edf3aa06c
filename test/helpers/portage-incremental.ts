// The tests' model of how Portage stacks an incremental variable (USE, FEATURES, …) over the profile's
// layers, to say what a build sees from a rendered make.conf. The product never stacks layers itself.

/** Token lists of one incremental variable, lowest layer first: `-*` drops all so far, `-x` drops x, `x` adds x. */
export function mergeIncremental(layers: readonly string[]): string[] {
  const result: string[] = [];
  for (const layer of layers) {
    for (const token of layer.split(/\s+/)) {
      if (!token) continue;
      if (token === '-*') result.length = 0;
      else if (token.startsWith('-')) {
        const i = result.indexOf(token.slice(1));
        if (i >= 0) result.splice(i, 1);
      } else if (!result.includes(token)) result.push(token);
    }
  }
  return result;
}
