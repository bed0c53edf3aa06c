// An ssh:// engine that drops packets must not keep `engines list/check` alive after their deadline:
// the connection timeout reaches ssh2 as readyTimeout (its own default is 20 s). Seen before the fix:
// `engines check` of such a host printed its verdict at 2 s and exited at 21 s.
import { describe, expect, it } from 'vitest';
import { modemOptionsFor } from '../../../src/engine/docker/modem-options.js';
import { resolveEngineEndpoint } from '../../../src/engine/engines/engine-endpoint.js';

describe('ssh:// deadlines', () => {
  const resolved = resolveEngineEndpoint({ name: 's', url: 'ssh://root@10.0.0.2:2222' }, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
  if (!resolved.ok) throw new Error(resolved.error.message);

  it('gives ssh2 the connection timeout as readyTimeout', () => {
    expect(modemOptionsFor(resolved.endpoint, { connectionTimeoutMs: 2000 }).sshOptions).toEqual({ agent: '/tmp/agent.sock', readyTimeout: 2000 });
  });

  it('leaves ssh2 its default when no timeout is asked for (long-lived build clients)', () => {
    expect(modemOptionsFor(resolved.endpoint).sshOptions).toEqual({ agent: '/tmp/agent.sock' });
  });
});
