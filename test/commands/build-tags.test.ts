// `build --tag` is checked before anything runs: a bad tag used to fail after the whole emerge
// (leaving an untagged image), and with two tags the first was applied before exit 1.
import { describe, expect, it } from 'vitest';
import { register } from '../../src/commands/build.js';
import type { CommandContext } from '../../src/commands/registry.js';
import { runCli } from './helpers/cli.js';

const cli = (...args: string[]) => runCli([(p) => register(p, {} as CommandContext)], ['build', ...args]);

describe('gentoo-wb build --tag', () => {
  it('refuses every invalid tag with exit 2 before reading the recipe or touching the engine', async () => {
    const r = await cli('/nonexistent/recipe.json', '--tag', 'ok/name:1', '--tag', 'Bad/Name', '--tag', 'x:bad:tag\u001b');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tag "Bad/Name": is not a valid image name');
    expect(r.stderr).toContain(String.raw`--tag "x:bad:tag\u001b"`);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('nothing was built');
    expect(r.stderr).not.toContain('recipe.json');
  });
});
