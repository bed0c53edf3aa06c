// `gentoo-wb copy` refuses before any work: the same engine twice, --engine, and names the settings do
// not hold — checked before anything connects (the default endpoint here answers nowhere, so a
// connection attempt would say so instead). The copy itself: test/reliability/engine-killed.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'gwb-copy-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env = { XDG_CONFIG_HOME: path.join(root, 'config'), XDG_STATE_HOME: path.join(root, 'state'), DOCKER_HOST: `unix://${path.join(root, 'none.sock')}`, DOCKER_CONTEXT: '' };

describe('gentoo-wb copy refuses before any work', () => {
  it.each([
    [['copy', 'img', '--from', 'local', '--to', 'local'], /--from and --to are both "local": copy needs two engines/],
    [['copy', 'img', '--from', 'nowhere', '--to', 'local'], /--from: no engine named "nowhere" \("local" is the default engine\); add one with `gentoo-wb engines add NAME URL`/],
    [['copy', 'img', '--from', 'local', '--to', 'elsewhere'], /--to: no engine named "elsewhere"/],
    [['copy', 'img', '--from', 'local', '--to', 'x', '--engine', 'x'], /unknown option '--engine'/],
    [['copy', 'img', '--to', 'x'], /required option '--from <engine>' not specified/],
  ])('%j', async (args, message) => {
    const r = await runCli(args, { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/none\.sock/);
  });
});
