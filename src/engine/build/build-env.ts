// Extra environment for build containers from GENTOO_WB_BUILD_ENV="A=1 B=2": how tests hand the
// stand-in its time scale, and how a user passes e.g. a proxy to emerge without editing the recipe.
export function buildEnvFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  const raw = env.GENTOO_WB_BUILD_ENV ?? '';
  const pairs = raw.split(/\s+/).filter((kv) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(kv));
  return Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}
