// The export never writes over the open recipe (issue 15, item 12): the recipe beside the archive is
// the image's own, maybe an older version of the file being edited. Refused in the prompt, before any
// work; and the workbench never replaces an existing file (the headless export does, with --force).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { archiveNameProblem } from '../../../../src/ui/screens/result/export-plan.js';
import { realResultServices } from '../../../../src/ui/screens/result/result-services.js';
import { settle } from '../../../helpers/render-tui.js';
import { PREV_ID, previousImage, WEB_ID, webImage } from './fixtures.js';
import { CONNECTION, openResult, type Harness } from './harness.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-export-guard-'));
let h: Harness | undefined;
afterEach(() => {
  h?.tui.unmount();
  h = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export and the open recipe', () => {
  it('refuses a name whose recipe (or SBOM) beside it is the open recipe, relative or absolute', () => {
    const open = path.join(dir, 'web.recipe.json');
    expect(archiveNameProblem(path.join(dir, 'web.tar.gz'), { openRecipe: open, hasBuild: true })).toEqual({ message: `the recipe written beside it would replace the open recipe ${open}: choose another name` });
    // The same file named relative to the working folder.
    const relative = path.relative(process.cwd(), path.join(dir, 'web.tar'));
    expect(archiveNameProblem(relative, { openRecipe: open, hasBuild: true })?.message).toMatch(/^the recipe written beside it would replace the open recipe /);
    const sbomNamed = path.join(dir, 'x.cdx.json');
    expect(archiveNameProblem(path.join(dir, 'x.tar'), { openRecipe: sbomNamed, hasBuild: false })?.message).toMatch(/^the SBOM written beside it would replace the open recipe /);
    // No build: no recipe is written beside it, so the name is fine; another name is fine.
    expect(archiveNameProblem(path.join(dir, 'web.tar'), { openRecipe: open, hasBuild: false })).toBeNull();
    expect(archiveNameProblem(path.join(dir, 'web-2.tar'), { openRecipe: open, hasBuild: true })).toBeNull();
  });

  it('the Result screen says so at Enter and exports nothing; another name exports', async () => {
    h = await openResult({ images: { [WEB_ID]: webImage(), [PREV_ID]: previousImage() }, previous: { [WEB_ID]: PREV_ID }, lastImage: WEB_ID });
    const open = path.join(dir, 'web.recipe.json');
    h.store.update((s) => ({ ...s, recipe: { ...s.recipe, path: open } }));
    await h.tui.waitForFrame((f) => f.includes('Efficiency'));
    await settle();
    await h.tui.press('e');
    await h.tui.press('ctrl+u');
    await h.tui.type(path.join(dir, 'web.tar'));
    await h.tui.press('enter');
    const frame = (await h.tui.waitForFrame((f) => f.includes('would replace'))).replace(/\s+/g, ' ');
    expect(frame).toContain('the recipe written beside it would replace the open recipe');
    expect(h.exports).toEqual([]);
    await h.tui.press('ctrl+u');
    await h.tui.type(path.join(dir, 'web-2.tar'));
    await h.tui.press('enter');
    await h.tui.waitForFrame((f) => f.includes('wrote'));
    expect(h.exports.map((e) => e.request.recipe)).toEqual([path.join(dir, 'web-2.recipe.json')]);
  });

  it('the workbench export replaces no existing file: refused before any work, the file untouched', async () => {
    const existing = path.join(dir, 'old.cdx.json');
    writeFileSync(existing, '{"mine": true}\n');
    const request = { output: path.join(dir, 'old.tar'), flatten: false, compression: 'none' as const, recipe: null, dockerfile: null, sbom: { file: existing, format: 'cyclonedx' as const } };
    // The fake connection has no engine behind it: a refusal that came after any engine work would say so.
    const err = await realResultServices.exportImage(CONNECTION, 'sha256:0', request, { signal: new AbortController().signal, onStep: () => undefined, onProgress: () => undefined }).then(() => null, (e: Error) => e);
    expect(err?.message).toBe(`${existing} exists; choose another name (the workbench never replaces a file; gentoo-wb export --force does)`);
    expect(readFileSync(existing, 'utf8')).toBe('{"mine": true}\n');
  });
});
