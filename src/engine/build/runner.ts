// The build runner's public face: start a build, attach to one, and the session and outcome they return.
// A session can detach at any time (the container goes on); `attachBuild` picks the same build up again.
// Where each part lives: build-session.ts (session handle, outcome types), start-build.ts (prepare and
// launch), attach-build.ts (reattach and replay), watch-build.ts (follow and the finish lock),
// finish-build.ts (wait, finish steps or failure, final state and record), end-cancelled.ts (cancel cleanup).
export type { BuildOutcome, BuildSession } from './build-session.js';
export { startBuild, type StartBuildOptions } from './start-build.js';
export { attachBuild, type AttachOptions } from './attach-build.js';
