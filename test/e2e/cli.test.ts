import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('gentoo-wb CLI entry', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help names the workbench and lists each command with one line', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: gentoo-wb');
    const commands = r.stdout.split('Commands:')[1] ?? '';
    for (const line of commands.split('\n').filter((l) => /^ {2}\S/.test(l))) {
      expect(line, 'each command has a one-line description').toMatch(/^ {2}\S.*\s{2,}\S/);
    }
  });

  it('--help lists every command, though a run naming one loads only that one', async () => {
    const r = await runCli(['--help']);
    const listed = (r.stdout.split('Commands:')[1] ?? '').split('\n').map((l) => /^ {2}(\S+)/.exec(l)?.[1]).filter(Boolean);
    expect(listed).toEqual(['check', 'endpoint', 'images', 'import', 'tag', 'export', 'inspect', 'clean', 'build', 'builds', 'attach', 'pretend', 'recipe', 'binhost', 'engines', 'copy']);
  });

  it('a command after the root options answers as it does alone', async () => {
    const alone = await runCli(['export', '--help']);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('Usage: gentoo-wb export');
    for (const prefix of [['-H', 'unix:///nonexistent'], ['--host=unix:///nonexistent'], ['-Hunix:///nonexistent'], ['--theme', 'mono']]) {
      expect(await runCli([...prefix, 'export', '--help']), prefix.join(' ')).toEqual(alone);
    }
  });

  it('a word that is no command is still the recipe of the workbench, and an unknown root option still a usage error', async () => {
    const typo = await runCli(['exprt']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('ssh -t');
    // The root takes one recipe: `help export` is two words for it (commander adds no help command there).
    const help = await runCli(['help', 'export']);
    expect(help.code).toBe(2);
    expect(help.stderr).toMatch(/too many arguments/);
    const r = await runCli(['--bogus', 'export']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--bogus'/);
  });

  it('refuses to open the workbench without a TTY, names ssh -t and the headless commands, exit 2', async () => {
    const r = await runCli([], { input: 'q\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ssh -t');
    expect(r.stderr).toMatch(/gentoo-wb check/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on an unknown option', async () => {
    const r = await runCli(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });
});
