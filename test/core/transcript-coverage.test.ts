// Every transcript under ../shared/portage must be exercised by some core test (named in a test
// file), except the few that are not emerge output at all (directory listings, docker metadata).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listTranscripts, REAL_WORLD_DIR, RIG_DIR } from './fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Not Portage output: `ls`/docker listings the rig saved beside its transcripts. */
const NOT_EMERGE_OUTPUT = [/\.pkgdir-listing\.txt$/, /\.tmpdir-listing\.txt$/, /^_images\.txt$/, /^_image-history\.txt$/, /^_repo-(tree|tree-in-image|ebuilds)\.txt$/, /^_image-v2/];

function testSources(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out += testSources(full);
    else if (name.endsWith('.test.ts') && name !== 'transcript-coverage.test.ts') out += readFileSync(full, 'utf8');
  }
  return out;
}

function covered(stem: string, sources: string): boolean {
  if (sources.includes(`'${stem}'`) || sources.includes(`'${stem}.txt'`)) return true;
  // The emerge-log test walks scenarios with `${name}.emerge.log.full` / `.this-run` templates.
  const side = /^(.*)\.emerge\.log\.(full|this-run)$/.exec(stem);
  return side !== null && sources.includes(`'${side[1]}'`) && sources.includes(`.emerge.log.${side[2]}\``);
}

describe('transcript coverage', () => {
  const sources = testSources(here);
  const all = [...listTranscripts(RIG_DIR).map((f) => ['rig', f] as const), ...listTranscripts(REAL_WORLD_DIR).map((f) => ['real-world', f] as const)];
  it('finds the shared transcripts', () => {
    expect(all.length).toBeGreaterThan(100);
  });
  it('names every emerge transcript in a test', () => {
    const missing = all
      .filter(([, f]) => !NOT_EMERGE_OUTPUT.some((re) => re.test(f)))
      .filter(([, f]) => !covered(f.replace(/\.txt$/, ''), sources))
      .map(([dir, f]) => `${dir}/${f}`);
    expect(missing).toEqual([]);
  });
});
