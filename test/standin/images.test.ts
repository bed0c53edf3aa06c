// Docker integration: the stand-in images exist, carry the stand-in labels and config.
import { expect, it } from 'vitest';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { runInStandin, standinImages } from '../helpers/standin.js';

describeDocker('stand-in images', () => {
  it('are tagged by content hash and labelled as stand-ins', async () => {
    const { stage3, portage } = standinImages();
    expect(stage3).toMatch(/^gentoo-wb-test\/stage3:[0-9a-f]{12}$/);
    expect(portage).toBe(stage3.replace('stage3', 'portage'));
    const info = await testDocker().getImage(stage3).inspect();
    expect(info.Config.Labels?.['org.gentoo-wb-test.standin']).toBe('stage3');
    expect(info.Config.Cmd).toEqual(['/bin/bash']);
    const snap = await testDocker().getImage(portage).inspect();
    expect(Object.keys(snap.Config.Volumes ?? {})).toEqual(['/var/db/repos/gentoo']);
  });

  it('runs the stand-in emerge', async () => {
    const r = await runInStandin(testDocker(), ['emerge', '--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Portage 3\.0\.82 \(python [\d.]+-final-0, default\/linux\/amd64\/23\.0, gcc-13, glibc-2\.40-r5, \S+ x86_64\)$/m);
  });
});
