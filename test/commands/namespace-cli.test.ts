// An invalid GENTOO_WB_NAMESPACE stops every engine command before it does anything: the message
// names the variable and what a namespace may hold, and no engine is contacted.
import { afterEach, expect, it } from 'vitest';
import { register as registerImages } from '../../src/commands/images.js';
import { runCli } from './helpers/cli.js';

const saved = process.env.GENTOO_WB_NAMESPACE;
afterEach(() => {
  process.env.GENTOO_WB_NAMESPACE = saved;
});

it('refuses an invalid namespace before connecting to the engine', async () => {
  process.env.GENTOO_WB_NAMESPACE = 'Not_Valid';
  // tcp://127.0.0.1:1 refuses connections: a command that got that far would say so instead.
  const result = await runCli([registerImages], ['-H', 'tcp://127.0.0.1:1', 'images']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('GENTOO_WB_NAMESPACE="Not_Valid" cannot be a namespace');
  expect(result.stderr).not.toMatch(/127\.0\.0\.1:1|refused|no engine answers/);
});
