import { describe, expect, it } from 'vitest';
import { createBuildStreamParser } from '../../../../src/core/portage/build-stream/build-stream-parser.js';
import { parseBuildStream } from '../../../helpers/whole-text.js';
import type { BuildEvent } from '../../../../src/core/events.js';
import { chunksOf, realWorld, rig } from '../../fixtures.js';

/** Events without the raw log lines, as compact strings for order assertions. */
function story(events: BuildEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'started': out.push(`started ${e.index}/${e.total} ${e.cpv}${e.binary ? ' binary' : ''}`); break;
      case 'installing': out.push(`installing ${e.index}/${e.total} ${e.cpv}`); break;
      case 'completed': out.push(`completed ${e.index}/${e.total} ${e.cpv}`); break;
      case 'failed': out.push(`failed ${e.cpv}${e.phase ? ` (${e.phase})` : ''}${e.logPath ? ` ${e.logPath}` : ''}`); break;
      case 'phase': out.push(`phase ${e.cpv ?? '?'} ${e.phase}${e.done ? ' done' : ''}`); break;
      case 'elog': out.push(`elog ${e.cpv} ${e.lines.length}`); break;
      case 'dropped': out.push(`dropped ${e.cpv} <- ${e.requires.join(' ')}`); break;
      case 'resuming': out.push('resuming'); break;
      case 'failure-summary': out.push(`summary ${e.packages.map((p) => p.cpv).join(' ')}`); break;
      default: break;
    }
  }
  return out;
}

function feed(text: string, size: number): BuildEvent[] {
  const p = createBuildStreamParser();
  const events = chunksOf(text, size).flatMap((c) => p.push(c));
  return [...events, ...p.end()];
}

const FULL_PHASES = (cpv: string) => [
  `phase ${cpv} fetch`, `phase ${cpv} unpack`, `phase ${cpv} unpack done`, `phase ${cpv} prepare`, `phase ${cpv} prepare done`,
  `phase ${cpv} configure`, `phase ${cpv} configure done`, `phase ${cpv} compile`, `phase ${cpv} compile done`,
  `phase ${cpv} test done`, `phase ${cpv} install`, `phase ${cpv} install done`,
];

describe('build stream: parallel build (20-build-jobs3-php-git)', () => {
  const events = parseBuildStream(rig('20-build-jobs3-php-git'));
  it('emits every package start, install and completion in arrival order', () => {
    const s = story(events);
    expect(s.filter((x) => x.startsWith('started'))).toEqual([
      'started 1/10 dev-libs/expat-2.6.4', 'started 2/10 dev-libs/oniguruma-6.9.9', 'started 3/10 dev-db/sqlite-3.47.2',
      'started 4/10 app-misc/hello-2.12.1', 'started 5/10 dev-libs/libpcre2-10.44', 'started 6/10 dev-libs/libxml2-2.13.5',
      'started 7/10 dev-libs/libzip-1.11.2', 'started 8/10 dev-lang/php-8.3.15', 'started 9/10 dev-vcs/git-2.47.1', 'started 10/10 www-servers/nginx-1.26.2',
    ]);
    // Installing indexes follow the list, not the order of completion.
    expect(s.filter((x) => x.startsWith('completed')).map((x) => x.split(' ')[1])).toEqual(['1/10', '2/10', '4/10', '3/10', '5/10', '7/10', '6/10', '10/10', '9/10', '8/10']);
    expect(s.filter((x) => x.startsWith('elog'))).toEqual(['elog www-servers/nginx-1.26.2 3', 'elog dev-vcs/git-2.47.1 2', 'elog dev-lang/php-8.3.15 2']);
    expect(s.some((x) => x.startsWith('phase') || x.startsWith('failed'))).toBe(false);
  });
  it('reads every Jobs line with counts and load averages', () => {
    const jobs = events.filter((e) => e.type === 'jobs');
    expect(jobs).toHaveLength(rig('20-build-jobs3-php-git').split('\n').filter((l) => l.startsWith('>>> Jobs:')).length);
    expect(jobs[0]).toEqual({ type: 'jobs', complete: 0, total: 10, running: 1, failed: 0, mergeWait: 0, load: [1.06, 1.23, 1.13] });
    expect(jobs.find((j) => j.mergeWait === 7)).toMatchObject({ complete: 0, running: 0 });
    expect(jobs[jobs.length - 1]).toMatchObject({ complete: 10, total: 10, running: 0, load: [1.31, 1.29, 1.16] });
  });
  it('turns every input line into a log event', () => {
    const logs = events.filter((e) => e.type === 'log');
    const lines = rig('20-build-jobs3-php-git').split('\n');
    expect(logs).toHaveLength(lines[lines.length - 1] === '' ? lines.length - 1 : lines.length);
    expect(logs.find((l) => l.text.startsWith('>>> Emerging (8 of 10)'))).toMatchObject({ cpv: 'dev-lang/php-8.3.15', stream: 'stdout' });
    expect(logs.find((l) => l.text.startsWith(' * To change the default PHP target'))).toMatchObject({ cpv: 'dev-lang/php-8.3.15' });
  });
  it('gives the same events for 1-byte, 7-byte and 64 KiB chunks', () => {
    const text = rig('20-build-jobs3-php-git');
    const whole = parseBuildStream(text);
    expect(feed(text, 1)).toEqual(whole);
    expect(feed(text, 7)).toEqual(whole);
    expect(feed(text, 65536)).toEqual(whole);
  });
});

describe('build stream: failures', () => {
  it('21 parallel failure: log path from the next line, later the dumped log is not replayed as phases', () => {
    const events = parseBuildStream(rig('21-build-jobs3-failure'));
    expect(story(events)).toEqual([
      'started 1/4 dev-libs/expat-2.6.4', 'started 2/4 dev-util/brokentool-0.9', 'started 3/4 app-misc/hello-2.12.1',
      'failed dev-util/brokentool-0.9 /var/tmp/portage/dev-util/brokentool-0.9/temp/build.log',
      'installing 1/4 dev-libs/expat-2.6.4', 'completed 1/4 dev-libs/expat-2.6.4',
      'installing 3/4 app-misc/hello-2.12.1', 'completed 3/4 app-misc/hello-2.12.1',
      'elog dev-util/brokentool-0.9 8',
    ]);
    const logs = events.filter((e) => e.type === 'log');
    expect(logs.find((l) => l.text === 'make: *** [Makefile:17: src/brokentool_parser.o] Error 1')).toMatchObject({ cpv: 'dev-util/brokentool-0.9' });
    const die = logs.find((l) => l.text.includes('ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase)') && l.raw);
    expect(die?.raw).toContain('\x1b[31;01m');
    expect(events.filter((e) => e.type === 'jobs').some((j) => j.type === 'jobs' && j.failed === 1)).toBe(true);
  });
  it('39 foreground fetch failure: blank line between the failure and its log path; phase from the phase lines', () => {
    const s = story(parseBuildStream(rig('39-build-offline-fetch-fail')));
    expect(s).toEqual(['started 1/1 app-misc/hello-2.12.1', 'phase app-misc/hello-2.12.1 fetch', 'failed app-misc/hello-2.12.1 (fetch) /var/tmp/portage/app-misc/hello-2.12.1/temp/build.log']);
  });
  it('60 split streams: stdout alone carries the whole failure; stderr was empty', () => {
    const p = createBuildStreamParser();
    const events = [...p.push(rig('60-split-build-failure.stdout'), 'stdout'), ...p.push(rig('60-split-build-failure.stderr'), 'stderr'), ...p.end()];
    expect(story(events)).toEqual([
      'started 1/3 dev-util/brokentool-0.9', 'started 2/3 app-misc/hello-2.12.1',
      'failed dev-util/brokentool-0.9 /var/tmp/portage/dev-util/brokentool-0.9/temp/build.log',
      'installing 2/3 app-misc/hello-2.12.1', 'completed 2/3 app-misc/hello-2.12.1', 'elog dev-util/brokentool-0.9 8',
    ]);
    expect(events.every((e) => e.type !== 'log' || e.stream === 'stdout')).toBe(true);
    // The merged capture of another run of the same command tells the same story.
    expect(story(parseBuildStream(rig('60-split-build-failure')))).toEqual(story(events));
  });
  it('reports the die phase when the ERROR line came before the failure', () => {
    const text = [
      '>>> Emerging (1 of 1) a/b-1::gentoo',
      '>>> Configuring source in /var/tmp/portage/a/b-1/work/b-1 ...',
      ' * ERROR: a/b-1::gentoo failed (configure phase):',
      '>>> Failed to emerge a/b-1, Log file:',
      '>>> Jobs: 0 of 1 complete, 1 failed',
      ">>>  '/var/tmp/portage/a/b-1/temp/build.log'",
      '',
    ].join('\n');
    const failed = parseBuildStream(text).find((e) => e.type === 'failed');
    expect(failed).toEqual({ type: 'failed', cpv: 'a/b-1', stage: 'emerge', logPath: '/var/tmp/portage/a/b-1/temp/build.log', phase: 'configure' });
  });
  it('--keep-going: dropped packages, resume and the plural failure summary', () => {
    const text = [
      '>>> Failed to emerge dev-util/brokentool-0.9, Log file:',
      ">>>  '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log'",
      '',
      ' * emerge --keep-going: app-misc/brokendep-1.0 dropped because it requires',
      ' * dev-util/brokentool',
      '',
      '*** Resuming merge...',
      ' *',
      ' * The following 2 packages have failed to build, install, or execute',
      ' * postinst:',
      ' *',
      ' *  (dev-util/brokentool-0.9:0/0::gentoo, ebuild scheduled for merge), Log file:',
      " *   '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log'",
      " *  ('ebuild', '/', 'app-misc/other-2', 'merge')",
      ' *',
      '',
    ].join('\n');
    const events = parseBuildStream(text);
    expect(story(events)).toEqual([
      'failed dev-util/brokentool-0.9 /var/tmp/portage/dev-util/brokentool-0.9/temp/build.log',
      'dropped app-misc/brokendep-1.0 <- dev-util/brokentool',
      'resuming',
      'summary dev-util/brokentool-0.9 app-misc/other-2',
    ]);
    expect(events.find((e) => e.type === 'failure-summary')).toMatchObject({
      packages: [{ cpv: 'dev-util/brokentool-0.9', slot: '0/0', repo: 'gentoo', logPath: '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log' }, { cpv: 'app-misc/other-2' }],
    });
  });
});

describe('build stream: serial foreground builds', () => {
  it('22 default: every phase of both packages in order, with attribution', () => {
    const events = parseBuildStream(rig('22-build-serial-default'));
    expect(story(events)).toEqual([
      'started 1/2 dev-libs/expat-2.6.4', ...FULL_PHASES('dev-libs/expat-2.6.4'), 'installing 1/2 dev-libs/expat-2.6.4', 'completed 1/2 dev-libs/expat-2.6.4',
      'started 2/2 app-misc/hello-2.12.1', ...FULL_PHASES('app-misc/hello-2.12.1'), 'installing 2/2 app-misc/hello-2.12.1', 'completed 2/2 app-misc/hello-2.12.1',
    ]);
    const warn = events.find((e) => e.type === 'log' && e.text.startsWith('src/hello_037.c:5:13: warning'));
    expect(warn).toMatchObject({ cpv: 'app-misc/hello-2.12.1' });
  });
  it('23 config-protect: merge phase and the completion after "merged."', () => {
    const s = story(parseBuildStream(rig('23-build-config-protect')));
    expect(s.slice(-4)).toEqual(['installing 1/1 www-servers/nginx-1.26.2', 'phase www-servers/nginx-1.26.2 merge', 'completed 1/1 www-servers/nginx-1.26.2', 'elog www-servers/nginx-1.26.2 1']);
  });
  it('35 --buildpkg: binpkg creation does not confuse the phases', () => {
    const s = story(parseBuildStream(rig('35-buildpkg-build')));
    expect(s.filter((x) => x.includes('merge') || x.startsWith('completed'))).toEqual([
      'phase dev-libs/expat-2.6.4 merge', 'completed 1/2 dev-libs/expat-2.6.4', 'phase app-misc/hello-2.12.1 merge', 'completed 2/2 app-misc/hello-2.12.1',
    ]);
  });
  it('35 binary merge: started binary, fetch check, extraction, merge', () => {
    const text = rig('35-buildpkg-then-usepkg');
    const s = story(parseBuildStream(text.slice(text.lastIndexOf('======'))));
    expect(s).toEqual([
      'started 1/1 app-misc/hello-2.12.1 binary', 'phase app-misc/hello-2.12.1 fetch', 'phase app-misc/hello-2.12.1 unpack',
      'installing 1/1 app-misc/hello-2.12.1', 'phase app-misc/hello-2.12.1 merge', 'completed 1/1 app-misc/hello-2.12.1',
    ]);
  });
  it('22 --quiet-build=y and 23 --quiet: the Jobs style and the bare progress lines', () => {
    expect(story(parseBuildStream(rig('22-build-serial-quiet-build-y')))).toEqual([
      'started 1/2 dev-libs/expat-2.6.4', 'installing 1/2 dev-libs/expat-2.6.4', 'completed 1/2 dev-libs/expat-2.6.4',
      'started 2/2 app-misc/hello-2.12.1', 'installing 2/2 app-misc/hello-2.12.1', 'completed 2/2 app-misc/hello-2.12.1',
    ]);
    expect(story(parseBuildStream(rig('23-build-quiet')))).toEqual(story(parseBuildStream(rig('22-build-serial-quiet-build-y'))));
  });
});

describe('build stream: pty capture (50-pty-build-jobs3)', () => {
  const text = rig('50-pty-build-jobs3');
  it('splits \\r\\e[K redraws and \\eE newlines, strips colour and title sequences', () => {
    const events = parseBuildStream(text);
    expect(story(events)).toEqual([
      'started 1/3 dev-libs/expat-2.6.4', 'started 2/3 app-misc/hello-2.12.1', 'started 3/3 net-libs/nghttp2-1.64.0',
      'installing 1/3 dev-libs/expat-2.6.4', 'completed 1/3 dev-libs/expat-2.6.4',
      'installing 2/3 app-misc/hello-2.12.1', 'completed 2/3 app-misc/hello-2.12.1',
      'installing 3/3 net-libs/nghttp2-1.64.0', 'completed 3/3 net-libs/nghttp2-1.64.0',
    ]);
    const jobs = events.filter((e) => e.type === 'jobs');
    expect(jobs[0]).toEqual({ type: 'jobs', complete: 0, total: 3, running: 0, failed: 0, mergeWait: 0, load: [1.02, 1.59, 1.27] });
    expect(jobs[jobs.length - 1]).toMatchObject({ complete: 3, total: 3 });
    const logs = events.filter((e) => e.type === 'log');
    expect(logs.every((l) => !l.text.includes('\x1b') && !l.text.includes('\r'))).toBe(true);
  });
  it('emits Jobs updates before the next newline arrives', () => {
    const p = createBuildStreamParser();
    const firstNewlineAfterJobs = text.indexOf('\n', text.indexOf('>>> Jobs'));
    const events = p.push(text.slice(0, firstNewlineAfterJobs));
    expect(events.filter((e) => e.type === 'jobs').length).toBeGreaterThan(5);
  });
  it('is chunking-invariant down to single characters', () => {
    expect(feed(text, 1)).toEqual(parseBuildStream(text));
    expect(feed(text, 13)).toEqual(parseBuildStream(text));
  });
});

describe('build stream: real-world samples and build logs', () => {
  it('jobs-03 (older Portage): progress without a Completed line', () => {
    const events = parseBuildStream(realWorld('jobs-03'));
    expect(story(events)).toEqual(['started 1/1 app-editors/shed-1.15', 'installing 1/1 app-editors/shed-1.15']);
    expect(events.find((e) => e.type === 'jobs')).toEqual({ type: 'jobs', complete: 1, total: 1, running: 0, failed: 0, mergeWait: 0, load: [1.25, 0.56, 0.21] });
  });
  it('merge-02: interactive run with download, phases and elog', () => {
    const s = story(parseBuildStream(realWorld('merge-02')));
    expect(s[0]).toBe('started 1/1 sys-process/runit-2.1.2-r1');
    expect(s).toContain('phase sys-process/runit-2.1.2-r1 fetch');
    expect(s).toContain('phase sys-process/runit-2.1.2-r1 compile done');
    expect(s.slice(-2)).toEqual(['completed 1/1 sys-process/runit-2.1.2-r1', 'elog sys-process/runit-2.1.2-r1 5']);
  });
  it('repo-display-01 (2011): "from REPO", completion from "merged." lines', () => {
    const events = parseBuildStream(realWorld('repo-display-01'));
    expect(story(events).filter((x) => !x.startsWith('phase'))).toEqual([
      'started 1/2 sys-kernel/module-rebuild-0.7', 'installing 1/2 sys-kernel/module-rebuild-0.7', 'completed 1/2 sys-kernel/module-rebuild-0.7',
      'started 2/2 sys-kernel/kigen-9999', 'installing 2/2 sys-kernel/kigen-9999', 'completed 2/2 sys-kernel/kigen-9999',
    ]);
    expect(events.find((e) => e.type === 'started' && e.cpv === 'sys-kernel/kigen-9999')).toMatchObject({ repo: 'r1k0' });
  });
  it('php build.log (final and mid-build): phases attributed through the * Package: header', () => {
    const php = 'dev-lang/php-8.3.15';
    const final = story(parseBuildStream(rig('20-build-jobs3-php-git.php-build.log.final')));
    expect(final).toEqual([
      `phase ${php} unpack`, `phase ${php} unpack done`, `phase ${php} prepare`, `phase ${php} prepare done`,
      `phase ${php} configure`, `phase ${php} configure done`, `phase ${php} compile`, `phase ${php} compile done`,
      `phase ${php} test done`, `phase ${php} install`, `phase ${php} install done`, `phase ${php} merge`,
      // A saved log has no Emerging line, so the index is unknown (0 of 0).
      `completed 0/0 ${php}`,
    ]);
    const mid = story(parseBuildStream(rig('20-build-jobs3-php-git.php-build.log.midbuild')));
    expect(mid[mid.length - 1]).toBe(`phase ${php} compile`);
  });
  it('brokentool build.log: attributed through its * Package: header', () => {
    const events = parseBuildStream(rig('21-build-jobs3-failure.brokentool-build.log'));
    expect(story(events).slice(0, 3)).toEqual(['phase dev-util/brokentool-0.9 unpack', 'phase dev-util/brokentool-0.9 unpack done', 'phase dev-util/brokentool-0.9 prepare']);
    expect(story(events).pop()).toBe('phase dev-util/brokentool-0.9 compile');
  });
  it('stamps events with the given clock', () => {
    const p = createBuildStreamParser({ now: () => 1234 });
    const events = p.push('>>> Emerging (1 of 1) a/b-1::gentoo\n');
    expect(events.map((e) => e.t)).toEqual([1234, 1234]);
  });
});

describe('build stream: non-build actions', () => {
  for (const name of ['30-unmerge', '30-unmerge-verbose', '31-depclean-pretend', '36-sync-offline']) {
    it(`${name}: only log events, one per line`, () => {
      const text = rig(name);
      const events = parseBuildStream(text);
      expect(events.every((e) => e.type === 'log')).toBe(true);
      expect(events).toHaveLength(text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length);
    });
  }
});

describe('Jobs lines as log lines', () => {
  it('shows every Jobs line of the real --jobs=3 run within 80 columns; raw keeps Portage\'s padding', () => {
    const logs = parseBuildStream(rig('20-build-jobs3-php-git')).filter((e) => e.type === 'log' && e.text.startsWith('>>> Jobs:'));
    expect(logs.length).toBeGreaterThan(50);
    for (const e of logs) {
      if (e.type !== 'log') continue;
      expect(e.text.length).toBeLessThanOrEqual(80);
      expect(e.raw).toMatch(/ {10,}Load avg: /);
    }
    expect(logs.map((e) => (e.type === 'log' ? e.text : ''))).toContain('>>> Jobs: 0 of 10 complete, 1 running, 5 merge wait  Load avg: 1.39, 1.30, 1.16');
  });
});

describe('build stream: whole lines (pushLine)', () => {
  it('gives the events push gives for the same lines with their newlines, carriage returns and escapes included', () => {
    for (const name of ['20-build-jobs3-php-git.txt', '21-build-jobs3-failure.txt', '50-pty-build-jobs3.txt']) {
      const lines = rig(name).split('\n');
      const byChunk = createBuildStreamParser();
      const byLine = createBuildStreamParser();
      const expected: BuildEvent[] = [];
      const got: BuildEvent[] = [];
      for (const line of lines) {
        expected.push(...byChunk.push(`${line}\n`));
        byLine.pushLine(line, got);
      }
      expected.push(...byChunk.end());
      got.push(...byLine.end());
      expect(got.length).toBeGreaterThan(lines.length / 2);
      expect(got).toEqual(expected);
    }
  });

  it('finishes a partial line pushed before it, as push would', () => {
    const parser = createBuildStreamParser();
    expect(parser.push('>>> Emerging (1 of 1) app-misc/hello-2.12.1::gentoo')).toEqual([]);
    const events: BuildEvent[] = [];
    parser.pushLine(' done', events);
    expect(events.map((e) => e.type)).toEqual(['started', 'log']);
  });
});
