// The live build pane of a real `--jobs 3` Portage build, read as a person at an 80x24 terminal
// reads it: the package compiling is on screen, packages Portage counts as "merge wait" are labelled
// so, no line is wider than the terminal and Portage's Jobs/Load line does not wrap. Then the
// quit prompt's detach, `gentoo-wb attach` in a new terminal: each package shows its own elapsed
// time (not the build's), and the build ends with the image tagged. The built CLI in tmux.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { afterAll, afterEach, expect, it, onTestFailed } from 'vitest';
import { newRecipe } from '../../src/core/recipe/new-recipe.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import { imageExists, removeImage } from '../../src/engine/docker/index.js';
import { cliPath, ensureBuilt } from '../helpers/cli.js';
import { hasColour } from '../helpers/colour.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { startTmux, tmuxAvailable, type TmuxSession } from '../helpers/tmux.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-pane-jobs-'));
const env = {
  LANG: 'C.UTF-8',
  XDG_CONFIG_HOME: path.join(dir, 'config'),
  XDG_STATE_HOME: path.join(dir, 'state'),
  XDG_DATA_HOME: path.join(dir, 'data'),
  // Long enough that three compiles overlap and a capture every few hundred ms sees one.
  GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=5',
};
const tag = `gentoo-wb-test/pane-jobs:${process.pid}`;
const PACKAGES = ['dev-lang/php', 'app-misc/hello', 'app-misc/newtool', 'app-misc/oldtool', 'dev-libs/expat'];

/** A package row of the pane: focus marker, state mark, atom, phase words, elapsed (m:ss). */
const ROW = /^[ ›>] [ ✓✗!x] ([a-z0-9-]+\/[A-Za-z0-9_.+-]+) +(fetch|unpack|prepare|configure|compile|test|install|merge wait|merge|start) +(\d+):(\d\d)\b/;

interface Row {
  cpv: string;
  phase: string;
  seconds: number;
}

function rowsOf(screen: string): Row[] {
  return screen.split('\n').flatMap((line) => {
    const m = ROW.exec(line);
    return m ? [{ cpv: m[1]!, phase: m[2]!, seconds: Number(m[3]) * 60 + Number(m[4]) }] : [];
  });
}

/** The header's elapsed time of a running build ("building  1:23  …"). */
function buildSeconds(screen: string): number | null {
  const m = /^building {2}(\d+):(\d\d)\b/m.exec(screen);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** "merge wait N" of the header's counts. */
function mergeWaitCount(screen: string): number {
  const m = /^running \d+ {2}merge wait (\d+) /m.exec(screen);
  return m ? Number(m[1]) : 0;
}

/** The counts of the last of Portage's Jobs lines in the build output. */
function lastJobs(screen: string): { complete: number; total: number; running: number; mergeWait: number } | null {
  const all = [...screen.matchAll(/^>>> Jobs: (\d+) of (\d+) complete(?:, (\d+) running)?(?:, \d+ failed)?(?:, (\d+) merge wait)?/gm)];
  const m = all.at(-1);
  return m ? { complete: Number(m[1]), total: Number(m[2]), running: Number(m[3] ?? 0), mergeWait: Number(m[4] ?? 0) } : null;
}

/** Packages labelled "merge wait": rows, plus the "N more: …, K merge wait" line. */
function mergeWaitLabelled(screen: string): number {
  const rows = rowsOf(screen).filter((r) => r.phase === 'merge wait').length;
  const more = /^ {4}\d+ more: .*?(\d+) merge wait/m.exec(screen);
  return rows + (more ? Number(more[1]) : 0);
}

/** Every line Ink wrote, split at newlines: none may be wider than the terminal (tmux would wrap it). */
function widestLines(raw: string, columns: number): string[] {
  const text = Buffer.from(raw, 'latin1').toString('utf8');
  return text
    .split('\n')
    .map((l) => stripVTControlCharacters(l).replace(/\r/g, ''))
    .filter((l) => stringWidth(l) > columns);
}

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions) s.kill();
  sessions = [];
});

describeDocker('the live build pane of a real --jobs 3 build at 80x24', () => {
  afterAll(async () => {
    if (await imageExists(testDocker(), tag)) await removeImage(testDocker(), tag, { force: true });
  });

  const itTmux = tmuxAvailable || process.env.GENTOO_WB_REQUIRE_DOCKER === '1' ? it : it.skip;
  itTmux('shows the compiling package and merge waits without wrapping; after detach and attach each package keeps its own elapsed time; the image is tagged', async () => {
    if (!tmuxAvailable) throw new Error('tmux is not installed (CI installs it)');
    ensureBuilt();
    const recipe = newRecipe({ name: 'pane-jobs', base: realPortageImages().base, packages: PACKAGES, tags: [tag], sizing: { jobs: 3, makeopts: '-j1' } });
    // No cache volumes: every package compiles, and nothing is shared with other suites.
    recipe.caches = { distfiles: false, binpkgs: false, ccache: false };
    const file = path.join(dir, 'pane-jobs.json');
    writeFileSync(file, serializeRecipe(recipe));

    const screens: string[] = [];
    const keep = (s: string) => {
      if (screens.at(-1) !== s) screens.push(s);
      return s;
    };
    onTestFailed(() => console.log(screens.slice(-6).join('\n=====\n')));
    const t = startTmux([process.execPath, cliPath, file], { columns: 80, rows: 24, env });
    sessions.push(t);
    await t.waitFor((s) => s.includes('Recipe pane-jobs'), 15_000);
    t.send('5');
    // The engine answered (until then the step says it is still connecting).
    await t.waitFor((s) => s.includes('b builds it'), 30_000);
    t.send('b');

    // Watch the pane while it builds: every capture keeps the layout (tab bar first, footer last).
    let compiling: string | null = null;
    let portageWaits = 0;
    let labelledWaits = 0;
    let jobsLines = 0;
    let before: { at: number; total: number; rows: Row[]; screen: string } | null = null;
    const deadline = Date.now() + 240_000;
    for (;;) {
      const at = Date.now();
      const s = keep(t.capture());
      const lines = s.replace(/\n+$/, '').split('\n');
      expect(lines[0], s).toMatch(/1 Host/);
      if (/^building /m.test(s)) {
        expect(lines[1], s).toMatch(/^building {2}(\d+:\d\d|-:--) /);
        expect(lines[2], s).toMatch(/^running \d+ {2}merge wait \d+ {2}done \d+ {2}failed \d+ {2}of [\d?]+/);
        expect(lines.at(-1), s).toMatch(/\? help/);
      }
      // Portage's own Jobs line in the build output: padding cut, so its Load avg stays on the line.
      for (const l of lines.filter((x) => x.includes('>>> Jobs:'))) {
        jobsLines++;
        expect(l, s).toMatch(/^>>> Jobs: \d+ of \d+ complete.* {2}Load avg: [\d.]+, [\d.]+, [\d.]+ *$/);
      }
      if (!compiling && rowsOf(s).some((r) => r.phase === 'compile')) compiling = s;
      // What the header counts as waiting for the merge lock, the rows (or "N more") label so.
      expect(mergeWaitLabelled(s), s).toBe(mergeWaitCount(s));
      const jobs = lastJobs(s);
      if (jobs && jobs.mergeWait > 0) {
        // Portage says how many wait (not which): as many are labelled so once their build.logs are read.
        portageWaits++;
        if (mergeWaitLabelled(s) >= jobs.mergeWait) labelledWaits++;
      }
      const total = buildSeconds(s);
      const late = jobs !== null && jobs.complete >= jobs.total - 2;
      if (compiling && total !== null && rowsOf(s).length >= 2 && (labelledWaits > 0 || late)) {
        before = { at, total, rows: rowsOf(s), screen: s };
        break;
      }
      if (/Built image|FAILED|Cannot build/.test(s)) throw new Error(`the build ended (or never started) before it could be watched:\n${s}`);
      if (Date.now() > deadline) throw new Error(`no compiling package seen:\n${s}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(compiling).not.toBeNull();
    expect(jobsLines).toBeGreaterThan(0);
    if (portageWaits > 0) expect(labelledWaits).toBeGreaterThan(0);
    expect(widestLines(t.rawOutput(), 80)).toEqual([]);

    // Quit while it runs: the prompt offers detach; the build goes on in its container.
    t.send('q');
    await t.waitFor((s) => /d +detach/.test(s), 5000);
    t.send('d');
    expect(await t.waitForExit(10_000)).toBe(0);

    // A new terminal (without colour this time): attach replays the output and follows the build on.
    // (The test run's FORCE_COLOR would win over NO_COLOR, and Node would say so on the terminal.)
    const a = startTmux(['env', '-u', 'FORCE_COLOR', process.execPath, cliPath, 'attach'], { columns: 80, rows: 24, env: { ...env, NO_COLOR: '1' } });
    sessions.push(a);
    let attachedAt = 0;
    const attached = await a.waitFor((s) => {
      attachedAt = Date.now();
      return buildSeconds(keep(s)) !== null && rowsOf(s).length >= 1;
    }, 60_000);
    // From its first frame attach shows the build it follows: no idle step, no offer to follow it.
    expect(a.rawOutput()).not.toMatch(/Nothing is building|Cannot build yet|not finished/);
    // NO_COLOR: no colour escapes; the selected row keeps its focus marker.
    const escaped = a.capture(true);
    expect(hasColour(escaped), escaped).toBe(false);
    expect(attached).toMatch(/^› /m);
    const since = (attachedAt - before.at) / 1000;
    const total = buildSeconds(attached)!;
    // The build's own time runs on from before the detach, not from the attach. (After an attach it
    // counts from the build container's first line; live, from the preparation before it.)
    expect(total, `${before.screen}\n${attached}`).toBeGreaterThanOrEqual(Math.floor(since) + 1);
    expect(total, `${before.screen}\n${attached}`).toBeLessThanOrEqual(before.total + since + 3);
    const common = rowsOf(attached).filter((r) => before.rows.some((b) => b.cpv === r.cpv));
    expect(common.length, `${before.screen}\n${attached}`).toBeGreaterThan(0);
    for (const row of rowsOf(attached)) {
      // Each package started with or after the build...
      expect(row.seconds, `${row.cpv}\n${attached}`).toBeLessThanOrEqual(total);
      // ...and a package seen before the detach kept counting from its own start.
      const seen = before.rows.find((b) => b.cpv === row.cpv);
      if (seen) expect(Math.abs(row.seconds - (seen.seconds + since)), `${row.cpv}\n${before.screen}\n${attached}`).toBeLessThanOrEqual(3);
    }

    const done = await a.waitFor((s) => /Built image|FAILED|LOST/.test(keep(s)), 240_000);
    expect(done).toContain('Built image');
    expect(done).toContain(`as ${tag}`);
    expect(widestLines(a.rawOutput(), 80)).toEqual([]);
    expect(await imageExists(testDocker(), tag)).toBe(true);
    a.send('q');
    expect(await a.waitForExit(10_000)).toBe(0);
  }, 420_000);
});
