// Phases read from a package's own build.log (what the pane polls in a --jobs build), over the real
// build.log of dev-lang/php from the --jobs=3 rig run: copied mid-compile and after the merge.
import { describe, expect, it } from 'vitest';
import { phaseOfBuildLogLine } from '../../../../src/core/portage/build-stream/build-log-phase.js';
import { rig } from '../../fixtures.js';

const FINAL = rig('20-build-jobs3-php-git.php-build.log.final');
const MID = rig('20-build-jobs3-php-git.php-build.log.midbuild');

describe('phaseOfBuildLogLine', () => {
  it('walks the whole real build.log through every phase in order, ending built and then merged', () => {
    const seen: string[] = [];
    for (const line of FINAL.split('\n')) {
      const phase = phaseOfBuildLogLine(line);
      if (phase && seen.at(-1) !== phase) seen.push(phase);
    }
    expect(seen).toEqual(['unpack', 'prepare', 'configure', 'compile', 'test', 'install', 'merge']);
  });

  it('reads each >>> line the way the poll sees it (the last ">>> " line of the log)', () => {
    expect(phaseOfBuildLogLine(">>> Unpacking 'php-8.3.15.tar.gz' to /var/tmp/portage/dev-lang/php-8.3.15/work")).toBe('unpack');
    expect(phaseOfBuildLogLine('>>> Preparing source in /var/tmp/portage/dev-lang/php-8.3.15/work/php-8.3.15 ...')).toBe('prepare');
    expect(phaseOfBuildLogLine('>>> Test phase [not enabled]: dev-lang/php-8.3.15')).toBe('install');
    // Built: the image is complete, the package now waits for the merge lock.
    expect(phaseOfBuildLogLine('>>> Completed installing dev-lang/php-8.3.15 into /var/tmp/portage/dev-lang/php-8.3.15/image')).toBe('merge');
    expect(phaseOfBuildLogLine('>>> /usr/lib64/libphp_wb.so -> libphp_wb.so.1')).toBe('merge');
    expect(phaseOfBuildLogLine('>>> dev-lang/php-8.3.15 merged.')).toBe('merge');
    expect(phaseOfBuildLogLine('>>> Regenerating /etc/ld.so.cache...')).toBe('merge');
    expect(phaseOfBuildLogLine('\x1b[32m * \x1b[39;49;00mPackage:    dev-lang/php-8.3.15:8.3')).toBeNull();
    expect(phaseOfBuildLogLine('make -j4 ')).toBeNull();
  });
});

describe('the last >>> line of a build.log (what the Build screen reads of each running package)', () => {
  const lastMarker = (log: string) => log.split('\n').filter((l) => l.startsWith('>>> ')).at(-1) ?? '';
  it('says compile in the copy taken mid-compile, and merge after the merge', () => {
    expect(phaseOfBuildLogLine(lastMarker(MID))).toBe('compile');
    expect(phaseOfBuildLogLine(lastMarker(FINAL))).toBe('merge');
  });
});
