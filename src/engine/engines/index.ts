// Public face of configured engines (`gentoo-wb engines …`, `--engine NAME`).
export { connectNamedEngine, connectEngineEntry, type NamedEngineOptions } from './connect-named.js';
export { checkEngine, checkEngines, checkDefaultEngine, type EngineCheck, type EngineFacts } from './engine-check.js';
export { resolveEngineEndpoint } from './engine-endpoint.js';
export { checkEngineName, parseEngineUrl, normalEngineUrl, type EngineEntry, type EngineTarget } from './engine-spec.js';
export { addEngine, removeEngine, listEngines, findEngine, unknownEngine, type NewEngine, type StoreChange } from './engine-store.js';
export { checkTlsDir } from './tls-dir.js';
