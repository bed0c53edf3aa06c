// `gentoo-wb export` stopped by a signal (SIGTERM from a service manager, SIGHUP from a closed SSH
// session, Ctrl-C): the command removes its partial archive and its temporary container and image,
// says so, and exits 128 + the signal — nothing is left half-written.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { LABEL } from '../../src/core/labels.js';
import { listContainers } from '../../src/engine/docker/index.js';
import { cliPath, ensureBuilt } from '../helpers/cli.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { realPortageImages } from '../helpers/real-portage.js';

function exportUntilWriting(signal: NodeJS.Signals, args: string[]): Promise<{ code: number | null; stderr: string }> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // Signal once the long part runs: flattening streams the file system, writing streams the archive.
      if (!sent && /flattening|writing/.test(stderr)) {
        sent = true;
        setTimeout(() => child.kill(signal), 300);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });
}

describeDocker('gentoo-wb export interrupted by a signal', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} during a flattened export leaves no partial file, no temporary container or image, and exits ${code}`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-export-signal-'));
      const before = new Set((await testDocker().listImages()).map((i) => i.Id));
      const result = await exportUntilWriting(signal, ['export', realPortageImages().base, '--flatten', '-o', path.join(dir, 'base.tar')]);
      expect(result.code, result.stderr).toBe(code);
      expect(result.stderr).toContain(`${signal}: cleaning up`);
      expect(readdirSync(dir)).toEqual([]);
      expect(await listContainers(testDocker(), [`${LABEL.role}=export-temp`])).toEqual([]);
      const after = (await testDocker().listImages()).filter((i) => !before.has(i.Id));
      expect(after.map((i) => i.RepoTags)).toEqual([]);
    }, 150_000);
  }
});
