// What the CLI prints from outside (recipe values, engine messages, table cells, JSON) never
// carries a live escape sequence to the terminal.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTable, printJson, reportFailure } from '../../src/commands/output.js';
import { register } from '../../src/commands/recipe.js';
import { summaryText } from '../../src/commands/inspect-text.js';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-sanitized-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ESC = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const OSC_52 = '\u001b]52;c;cm0gLXJmIH4K\u0007';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

describe('sanitized CLI output', () => {
  it('recipe show refuses a recipe with an OSC 52 sequence, naming it without sending it', async () => {
    const r = newRecipe({ name: 'osc', base: 'gentoo/stage3:latest', packages: ['app-misc/hello'] });
    // Written past validation on purpose, as an attacker would.
    const file = path.join(dir, 'osc.json');
    writeFileSync(file, serializeRecipe({ ...r, makeConf: { ...r.makeConf, EXTRA: `x${OSC_52}` } }));
    const shown = await runCli([register], ['recipe', 'show', file]);
    expect(shown.code).toBe(2);
    expect(shown.stdout + shown.stderr).not.toMatch(ESC);
    expect(shown.stderr).toContain('makeConf.EXTRA: contains the control character \\x1b');
  });

  it('tables, failures and JSON escape what the engine and images say', () => {
    expect(formatTable(['TAG'], [[`evil${OSC_52}`]])).toBe('TAG\nevil\\x1b]52;c;cm0gLXJmIH4K\\x07\n');
    const err = collect();
    reportFailure(Object.assign(new Error(`engine says \u001b[2J${OSC_52}`), { hint: 'do \u009b1m', kind: 'engine' }), err.stream);
    expect(err.text()).toBe('gentoo-wb: engine says \\x1b[2J\\x1b]52;c;cm0gLXJmIH4K\\x07\n  hint: do \\x9b1m\n');
    const json = collect();
    printJson({ label: `a\u009bb${OSC_52}` }, json.stream);
    expect(json.text()).not.toMatch(ESC);
    expect(JSON.parse(json.text())).toEqual({ label: `a\u009bb${OSC_52}` });
  });

  it('inspect text escapes tags and notes', () => {
    const ins = {
      image: { id: `sha256:${'a'.repeat(64)}`, tags: [`t${OSC_52}`], architecture: 'amd64', engineSize: null, created: '', labels: {} },
      size: 1, layers: [], files: 0, visibleBytes: 0, base: null, waste: { efficiency: 1, wastedBytes: 0, hiddenBytes: 0 },
      packages: { source: null, packages: [], ownedBytes: 0 }, build: null, tree: { name: '/', path: '/', size: 0, files: 0, children: [] },
    } as unknown as Parameters<typeof summaryText>[0];
    expect(summaryText(ins, [`note \u001b]0;title\u0007`])).not.toMatch(ESC);
  });
});
