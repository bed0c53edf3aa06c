// Runs headless commands in-process the way src/cli.tsx wires them (global -H/--context, the
// command registered by its module), capturing stdout, stderr and the exit code.
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import { EXIT_USAGE, UsageError } from '../../../src/commands/usage-error.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Register = (program: Command) => void;

/** Run `gentoo-wb ARGS` with the given command modules registered. */
export async function runCli(registers: Register[], args: string[]): Promise<CliResult> {
  const program = new Command('gentoo-wb')
    .exitOverride()
    .option('-H, --host <url>', 'endpoint')
    .option('--context <name>', 'docker context')
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  for (const register of registers) register(program);
  for (const sub of program.commands) sub.exitOverride();
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += chunk.toString(); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += chunk.toString(); return true; });
  process.exitCode = 0;
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr += `gentoo-wb: ${e.message}\n`;
      code = EXIT_USAGE;
    } else if (e instanceof CommanderError) {
      code = e.exitCode === 0 ? 0 : EXIT_USAGE;
    } else {
      throw e;
    }
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
  }
  return { code, stdout, stderr };
}
