import { describe, expect, it } from 'vitest';
import { classifyBuildLine, compactJobsLine } from '../../../../src/core/portage/build-stream/build-line.js';

describe('classifyBuildLine', () => {
  it('reads progress lines with repo, root and the old "from REPO" form', () => {
    expect(classifyBuildLine('>>> Emerging (2 of 10) dev-libs/oniguruma-6.9.9::gentoo')).toEqual({ kind: 'started', binary: false, fetchOnly: false, index: 2, total: 10, cpv: 'dev-libs/oniguruma-6.9.9', repo: 'gentoo' });
    expect(classifyBuildLine('>>> Emerging binary (1 of 1) app-misc/hello-2.12.1::gentoo for /destination/')).toMatchObject({ kind: 'started', binary: true, root: '/destination/' });
    expect(classifyBuildLine('>>> Emerging (2 of 2) sys-kernel/kigen-9999 from r1k0')).toMatchObject({ cpv: 'sys-kernel/kigen-9999', repo: 'r1k0' });
    expect(classifyBuildLine('>>> Fetching (1 of 3) a/b-1::gentoo')).toMatchObject({ kind: 'started', fetchOnly: true });
    expect(classifyBuildLine('>>> Installing (4 of 10) app-misc/hello-2.12.1::gentoo to /x/')).toEqual({ kind: 'installing', index: 4, total: 10, cpv: 'app-misc/hello-2.12.1', repo: 'gentoo', root: '/x/' });
    expect(classifyBuildLine('>>> Completed (8 of 10) dev-lang/php-8.3.15::gentoo')).toEqual({ kind: 'completed', index: 8, total: 10, cpv: 'dev-lang/php-8.3.15', repo: 'gentoo' });
  });
  it('reads Jobs lines: padded, unpadded, truncated and unknown load', () => {
    expect(classifyBuildLine('>>> Jobs: 0 of 4 complete, 1 running, 1 failed, 1 merge wait            Load avg: 3.32, 2.25, 1.24')).toEqual({ kind: 'jobs', complete: 0, total: 4, running: 1, failed: 1, mergeWait: 1, load: [3.32, 2.25, 1.24] });
    expect(classifyBuildLine('>>> Jobs: 3 of 9 complete, 1 failedLoad avg: 12.5, 10.1, 9.0')).toMatchObject({ complete: 3, failed: 1, load: [12.5, 10.1, 9] });
    expect(classifyBuildLine('>>> Jobs: 1 of 1 complete                           Load avg: 1.25, 0.5')).toMatchObject({ complete: 1, load: null });
    expect(classifyBuildLine('>>> Jobs: 1 of 2 complete  Load avg: unknown')).toMatchObject({ load: null });
    expect(classifyBuildLine('>>> Jobs: 2 of 5 complete, 2 running')).toMatchObject({ running: 2, load: null });
  });
  it('reads phase lines and takes the cpv from build paths', () => {
    expect(classifyBuildLine('>>> Unpacking source...')).toEqual({ kind: 'phase', phase: 'unpack', done: false });
    expect(classifyBuildLine('>>> Compiling source in /var/tmp/portage/dev-libs/expat-2.6.4/work/expat-2.6.4 ...')).toEqual({ kind: 'phase', phase: 'compile', done: false, cpv: 'dev-libs/expat-2.6.4' });
    expect(classifyBuildLine('>>> Source compiled.')).toEqual({ kind: 'phase', phase: 'compile', done: true });
    expect(classifyBuildLine('>>> Test phase [not enabled]: dev-libs/expat-2.6.4')).toEqual({ kind: 'phase', phase: 'test', done: true, cpv: 'dev-libs/expat-2.6.4' });
    expect(classifyBuildLine('>>> Install dev-libs/expat-2.6.4 into /var/tmp/portage/dev-libs/expat-2.6.4/image')).toMatchObject({ phase: 'install', done: false, cpv: 'dev-libs/expat-2.6.4' });
    expect(classifyBuildLine('>>> Completed installing dev-libs/expat-2.6.4 into /var/tmp/portage/dev-libs/expat-2.6.4/image')).toMatchObject({ phase: 'install', done: true });
    expect(classifyBuildLine('>>> Merging www-servers/nginx-1.26.2 to /')).toEqual({ kind: 'phase', phase: 'merge', done: false, cpv: 'www-servers/nginx-1.26.2' });
    expect(classifyBuildLine(">>> Downloading 'http://distfiles.gentoo.org/distfiles/layout.conf'")).toMatchObject({ phase: 'fetch' });
    expect(classifyBuildLine('>>> /usr/bin/hello')).toEqual({ kind: 'other' });
    expect(classifyBuildLine('>>> app-misc/hello-2.12.1 merged.')).toEqual({ kind: 'merged', cpv: 'app-misc/hello-2.12.1' });
  });
  it('reads failures, log paths and the resume marker', () => {
    expect(classifyBuildLine('>>> Failed to emerge dev-util/brokentool-0.9, Log file:')).toEqual({ kind: 'failed', cpv: 'dev-util/brokentool-0.9', stage: 'emerge', hasLog: true });
    expect(classifyBuildLine('>>> Failed to execute postinst for a/b-1 to /r/')).toMatchObject({ stage: 'postinst', hasLog: false, cpv: 'a/b-1' });
    expect(classifyBuildLine('>>> Failed a/b-1::gentoo')).toMatchObject({ stage: 'postinst', cpv: 'a/b-1' });
    expect(classifyBuildLine(">>>  '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log'")).toEqual({ kind: 'log-path', path: '/var/tmp/portage/dev-util/brokentool-0.9/temp/build.log' });
    expect(classifyBuildLine('*** Resuming merge...')).toEqual({ kind: 'resuming' });
  });
  it('reads the ` * ` lines that matter', () => {
    expect(classifyBuildLine(' * Messages for package dev-lang/php-8.3.15:')).toEqual({ kind: 'elog-header', cpv: 'dev-lang/php-8.3.15' });
    expect(classifyBuildLine(' * Messages for package a/b-1 merged to /destination/:')).toEqual({ kind: 'elog-header', cpv: 'a/b-1', root: '/destination/' });
    expect(classifyBuildLine(' * ERROR: dev-util/brokentool-0.9::gentoo failed (compile phase):')).toEqual({ kind: 'die', cpv: 'dev-util/brokentool-0.9', phase: 'compile' });
    expect(classifyBuildLine(' * Package:    dev-util/brokentool-0.9:0')).toEqual({ kind: 'package-header', cpv: 'dev-util/brokentool-0.9' });
    expect(classifyBuildLine(' * emerge --keep-going: app-misc/brokendep-1.0 dropped because it requires')).toEqual({ kind: 'dropped', cpv: 'app-misc/brokendep-1.0', reason: 'it requires' });
    expect(classifyBuildLine(' * The following 2 packages have failed to build, install, or execute')).toEqual({ kind: 'summary-header' });
    expect(classifyBuildLine(' *')).toEqual({ kind: 'star', text: '' });
    expect(classifyBuildLine('   ')).toEqual({ kind: 'blank' });
    expect(classifyBuildLine('make -j4')).toEqual({ kind: 'other' });
  });
  it('finds the cpv in build paths only when it is one', () => {
    expect(classifyBuildLine('>>> Compiling source in /var/tmp/portage/sys-process/runit-2.1.2-r1/work/admin ...')).toEqual({ kind: 'phase', phase: 'compile', done: false, cpv: 'sys-process/runit-2.1.2-r1' });
    expect(classifyBuildLine('>>> Compiling source in /var/tmp/portage/foo/bar/work ...')).toEqual({ kind: 'phase', phase: 'compile', done: false });
  });
});

describe('compactJobsLine', () => {
  it('cuts Portage\'s padding before Load avg so the line fits 80 columns, and adds room where there was none', () => {
    const line = '>>> Jobs: 0 of 10 complete, 3 running, 4 merge wait                     Load avg: 1.20, 1.26, 1.14';
    expect(line.length).toBeGreaterThan(80);
    expect(compactJobsLine(line)).toBe('>>> Jobs: 0 of 10 complete, 3 running, 4 merge wait  Load avg: 1.20, 1.26, 1.14');
    expect(compactJobsLine('>>> Jobs: 3 of 9 complete, 1 failedLoad avg: 12.5, 10.1, 9.0')).toBe('>>> Jobs: 3 of 9 complete, 1 failed  Load avg: 12.5, 10.1, 9.0');
    expect(compactJobsLine('>>> Jobs: 0 of 3 complete')).toBe('>>> Jobs: 0 of 3 complete');
  });
});
