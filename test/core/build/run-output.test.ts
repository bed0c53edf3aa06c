// The runner's output parser and the progress reducer over real Portage build transcripts, wrapped
// the way the build container prints them (step markers, engine timestamps).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRunOutputParser, splitTimestamp } from '../../../src/core/build/run-output.js';
import { EMPTY_PROGRESS, packageCounts, packageDurations, reduceProgress } from '../../../src/core/build/progress.js';
import { plainLine } from '../../../src/core/build/plain-lines.js';
import type { BuildEvent } from '../../../src/core/events.js';

const rig = (name: string) => readFileSync(new URL(`../../../../shared/portage/rig/${name}`, import.meta.url), 'utf8');

/** Wrap a transcript as the step runner prints it, one second per line from a fixed start. */
function asContainerOutput(transcript: string, start = Date.parse('2026-11-23T05:00:00Z')): string {
  const lines = ['@@gentoo-wb step-start 01-emerge', ...transcript.split('\n'), '@@gentoo-wb step-end 01-emerge 0', '@@gentoo-wb done'];
  return lines.map((l, i) => `${new Date(start + i * 1000).toISOString()} ${l}`).join('\n') + '\n';
}

function parseAll(text: string, chunk = 4096): BuildEvent[] {
  const parser = createRunOutputParser([{ id: 'emerge', title: 'emerge', output: 'emerge' }]);
  const events: BuildEvent[] = [];
  for (let i = 0; i < text.length; i += chunk) events.push(...parser.push(text.slice(i, i + chunk)));
  events.push(...parser.end());
  return events;
}

describe('run output parser', () => {
  it('splits engine timestamps', () => {
    expect(splitTimestamp('2026-11-23T05:00:01.500000000Z >>> Jobs: 0 of 1 complete')).toEqual({ t: Date.parse('2026-11-23T05:00:01.500Z'), text: '>>> Jobs: 0 of 1 complete' });
    expect(splitTimestamp('no stamp')).toEqual({ t: undefined, text: 'no stamp' });
  });

  it('reads the engine time of each line as Date.parse reads the stamp, whatever its fraction, and leaves lines without one alone', () => {
    const stamps = [
      '2026-11-23T05:00:01Z', '2026-11-23T05:00:01.5Z', '2026-11-23T05:00:01.05Z', '2026-11-23T05:00:01.999Z', '2026-11-23T05:00:01.0009Z',
      '2026-11-23T05:00:01.123456789Z', '2026-11-23T05:00:01.123456789123Z', '2026-11-23T05:00:02.000000001Z', '2026-12-31T23:59:59.999999999Z',
      '2026-11-23T24:00:00Z', '2026-11-23T24:00:00.5Z', '2026-13-01T00:00:00Z', '2026-11-23T05:00:60Z',
    ];
    const parser = createRunOutputParser([]);
    const text = stamps.map((s) => `${s} plain line`).join('\n') + '\n2026-11-23T05:00:01.Z dot without digits\n2026-11-23 05:00:01Z spaced\n';
    const events = [...parser.push(text), ...parser.end()];
    expect(events.slice(0, stamps.length).map((e) => e.t)).toEqual(stamps.map((s) => Date.parse(s)));
    expect(events.slice(0, stamps.length).every((e) => e.type === 'log' && e.text === 'plain line')).toBe(true);
    expect(events.slice(stamps.length)).toEqual([
      { type: 'log', text: '2026-11-23T05:00:01.Z dot without digits' },
      { type: 'log', text: '2026-11-23 05:00:01Z spaced' },
    ]);
  });

  it('turns the --jobs=3 php build into step, package and jobs events with engine times, whatever the chunking', () => {
    const text = asContainerOutput(rig('20-build-jobs3-php-git.txt'));
    const events = parseAll(text);
    expect(parseAll(text, 7).filter((e) => e.type !== 'log')).toEqual(events.filter((e) => e.type !== 'log'));
    expect(events[0]).toMatchObject({ type: 'step-started', step: 'emerge', t: Date.parse('2026-11-23T05:00:00Z') });
    expect(events.at(-1)).toMatchObject({ type: 'step-finished', step: 'emerge', ok: true });
    const started = events.filter((e) => e.type === 'started').map((e) => (e.type === 'started' ? e.cpv : ''));
    expect(started).toEqual([
      'dev-libs/expat-2.6.4', 'dev-libs/oniguruma-6.9.9', 'dev-db/sqlite-3.47.2', 'app-misc/hello-2.12.1', 'dev-libs/libpcre2-10.44',
      'dev-libs/libxml2-2.13.5', 'dev-libs/libzip-1.11.2', 'dev-lang/php-8.3.15', 'dev-vcs/git-2.47.1', 'www-servers/nginx-1.26.2',
    ]);
    expect(events.every((e) => typeof e.t === 'number')).toBe(true);

    const progress = events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
    expect(packageCounts(progress)).toEqual({ running: 0, mergeWait: 0, done: 10, failed: 0, dropped: 0, queued: 0, total: 10 });
    expect(progress.steps).toEqual([{ id: 'emerge', title: 'emerge', state: 'ok', startedAt: Date.parse('2026-11-23T05:00:00Z'), seconds: expect.any(Number) }]);
    const php = packageDurations(progress).find((d) => d.cpv === 'dev-lang/php-8.3.15');
    // Emerging php is transcript line 93, Completed line 122: 29 lines apart, one second per line.
    expect(php).toEqual({ cpv: 'dev-lang/php-8.3.15', seconds: 29, binary: false, ok: true });
  });

  it('keeps the failed package, its log path and the others in the failure transcript', () => {
    const events = parseAll(asContainerOutput(rig('21-build-jobs3-failure.txt')));
    const progress = events.reduce((p, e) => reduceProgress(p, e), EMPTY_PROGRESS);
    const broken = progress.packages.find((p) => p.cpv === 'dev-util/brokentool-0.9');
    expect(broken).toMatchObject({ state: 'failed', logPath: '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log' });
    // app-misc/brokendep needs the broken tool, so it never starts: 2 done, 1 failed, 1 still queued.
    expect(packageCounts(progress)).toEqual({ running: 0, mergeWait: 0, done: 2, failed: 1, dropped: 0, queued: 1, total: 4 });
    const failedLine = events.map(plainLine).find((l) => l?.includes('FAILED   dev-util'));
    expect(failedLine).toMatch(/^\d\d:\d\d:\d\d FAILED {3}dev-util\/brokentool-0\.9.*log: \/var\/tmp\/portage\/dev-util\/brokentool-0\.9\/temp\/build\.log$/);
  });

  it('shows plain steps as log lines, not as emerge events', () => {
    const parser = createRunOutputParser([{ id: 'strip', title: 'strip docs', output: 'plain' }]);
    const events = [...parser.push('@@gentoo-wb step-start 02-strip\n>>> Emerging (1 of 1) a/b-1::gentoo\n'), ...parser.end()];
    expect(events.map((e) => e.type)).toEqual(['step-started', 'log']);
  });
});

describe('--plain lines', () => {
  it('say how many packages wait for the merge lock', () => {
    const t = Date.parse('2026-11-23T05:00:09Z');
    expect(plainLine({ type: 'jobs', complete: 0, total: 10, running: 1, failed: 0, mergeWait: 5, load: [1.39, 1.3, 1.16], t })).toBe(
      `${new Date(t).toISOString().slice(11, 19)} jobs     0 of 10 complete, 1 running, 5 merge wait  load 1.39 1.30 1.16`,
    );
  });
});
