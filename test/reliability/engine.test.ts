// Reliability on the real engine: what `clean` keeps (Task A.2), host repositories checked before
// they are mounted, labels with terminal sequences shown (not sent) by inspect, and interrupts during
// export and during a build's emerge. Every case runs in a gentoo-wb namespace of its own and ends
// with no container, image or volume of that namespace it did not mean to keep.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { LABEL } from '../../src/core/labels.js';
import { serializeRecipe } from '../../src/core/recipe/recipe-json.js';
import type { Recipe } from '../../src/core/recipe/recipe-schema.js';
import { createContainer, removeContainer } from '../../src/engine/docker/containers.js';
import { treeMountsFor } from '../../src/engine/repo/tree-source.js';
import { importBusybox, uniqueRef } from '../engine/docker/helpers/busybox.js';
import { describeDocker, testDocker } from '../helpers/docker.js';
import { helloRecipe } from '../helpers/hello-recipe.js';
import { realPortageImages } from '../helpers/real-portage.js';
import { caseDirs, checkCase, namespaceObjects, record, shortPaths, type CaseDirs, type CliCase } from './harness.js';
import { useReliabilityTable } from './harness.js';

useReliabilityTable('engine: clean, host repositories, inspect, interrupts');

const FIXTURE_REPO = fileURLToPath(new URL('../fixtures/portage-repo/', import.meta.url)).replace(/\/$/, '');

/** Make objects in the case's namespace (createContainer labels with the current one). */
async function inNamespace<T>(ns: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.GENTOO_WB_NAMESPACE;
  process.env.GENTOO_WB_NAMESPACE = ns;
  try {
    return await body();
  } finally {
    process.env.GENTOO_WB_NAMESPACE = saved;
  }
}

/** `build` of the recipe written as r.json in the case's folder, which the build must leave as it was. */
function buildOf(recipe: (c: CaseDirs) => Recipe | Promise<Recipe>): Pick<CliCase, 'setup' | 'args' | 'unchanged'> {
  const file = (c: CaseDirs) => path.join(c.dir, 'r.json');
  return {
    setup: async (c) => writeFileSync(file(c), serializeRecipe(await recipe(c))),
    args: (c) => ['build', file(c), '--plain'],
    unchanged: (c) => [file(c)],
  };
}

function writeState(c: CaseDirs, id: string, status: string): void {
  const dir = path.join(c.state, 'gentoo-wb', 'builds', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ id, recipeName: 'r', recipeHash: 'h', recipePath: null, mode: 'commit', baseImage: 'b', tags: [], containerId: null, status, createdAt: Date.now(), endedAt: null, finishDone: [], image: null, failed: [], exitCode: 0, message: null }));
}

describeDocker('reliability on the real engine', () => {
  const docker = () => testDocker();

  it('clean removes our intermediate image but never the untagged parent someone else made', async () => {
    const parentTag = uniqueRef('rel-parent');
    const parentId = await importBusybox(docker(), parentTag);
    let caseNs = '';
    try {
      await checkCase('clean: keeps an untagged parent it did not make', {
        setup: async (c) => {
          caseNs = c.namespace;
          const plain = await docker().createContainer({ Image: parentTag, Cmd: ['/bin/true'], Labels: {} });
          await plain.commit({ repo: `gentoo-wb-${c.namespace}-tmp/child`, tag: 'x', changes: [`LABEL ${LABEL.role}=intermediate`, `LABEL ${LABEL.namespace}=${c.namespace}`] });
          await plain.remove();
          // The parent loses its only tag: an untagged parent that the engine would prune with its child.
          await docker().getImage(parentTag).remove();
        },
        args: () => ['clean'],
        exit: 0,
        message: /removed 1 of 1/,
      });
      const parent = await docker().getImage(parentId).inspect();
      expect(parent.Id).toBe(parentId);
      expect(await namespaceObjects(caseNs)).toEqual([]);
    } finally {
      await docker().getImage(parentId).remove({ force: true }).catch(() => undefined);
    }
  }, 60_000);

  it('clean keeps one of our images that someone else tagged too, and says why', async () => {
    const theirs = uniqueRef('rel-theirs');
    try {
      await checkCase('clean: keeps our image that someone else tagged', {
        setup: async (c) => {
          await importBusybox(docker(), `gentoo-wb-${c.namespace}-tmp/flat:x`, ['CMD ["/bin/sh"]', `LABEL ${LABEL.role}=intermediate`, `LABEL ${LABEL.namespace}=${c.namespace}`]);
          const [repo, tag] = theirs.split(':') as [string, string];
          await docker().getImage(`gentoo-wb-${c.namespace}-tmp/flat:x`).tag({ repo, tag });
        },
        args: () => ['clean'],
        exit: 0,
        message: new RegExp(`also tagged ${theirs.replace(/[/.]/g, '\\$&')}, which gentoo-wb did not make`),
        after: async (c) => {
          expect((await docker().getImage(theirs).inspect()).RepoTags).toContain(`gentoo-wb-${c.namespace}-tmp/flat:x`);
          await docker().getImage(`gentoo-wb-${c.namespace}-tmp/flat:x`).remove();
        },
      });
    } finally {
      await docker().getImage(theirs).remove({ force: true }).catch(() => undefined);
    }
  }, 60_000);

  it('clean keeps a builder whose emerge ended but whose image is not made, and says attach finishes it', async () => {
    const base = uniqueRef('rel-builder-base');
    await importBusybox(docker(), base);
    const id = '20260101-000000-abc123';
    let builder = '';
    try {
      await checkCase('clean: keeps an unfinished build (attach finishes it)', {
        setup: async (c) => {
          writeState(c, id, 'finishing');
          builder = await inNamespace(c.namespace, () => createContainer(docker(), { image: base, network: 'none', labels: { [LABEL.role]: 'builder', [LABEL.buildId]: id } }));
        },
        args: () => ['clean'],
        exit: 0,
        message: new RegExp(`build ${id} is not finished \\(state finishing: its image is not made yet\\); gentoo-wb attach ${id} finishes it`),
        after: async () => {
          expect((await docker().getContainer(builder).inspect()).Id).toBe(builder);
          await removeContainer(docker(), builder, { force: true });
        },
      });
    } finally {
      await docker().getImage(base).remove({ force: true }).catch(() => undefined);
    }
  }, 60_000);

  it('clean removes a builder whose build is finished and recorded', async () => {
    const base = uniqueRef('rel-builder-done');
    await importBusybox(docker(), base);
    const id = '20260101-000000-def456';
    try {
      await checkCase('clean: removes a finished build\'s builder', {
        setup: async (c) => {
          writeState(c, id, 'succeeded');
          await inNamespace(c.namespace, () => createContainer(docker(), { image: base, network: 'none', labels: { [LABEL.role]: 'builder', [LABEL.buildId]: id } }));
        },
        args: () => ['clean'],
        exit: 0,
        message: /removed 1 of 1/,
      });
    } finally {
      await docker().getImage(base).remove({ force: true }).catch(() => undefined);
    }
  }, 60_000);

  it('inspect and images show an image whose label holds an OSC sequence, sending no escape byte', async () => {
    const ref = uniqueRef('rel-osc');
    await importBusybox(docker(), ref, ['CMD ["/bin/sh"]', 'LABEL title="\u001b]0;pwned\u0007 \u009b2J"']);
    const noEscape = (_c: CaseDirs, r: { stdout: string; stderr: string }) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/[\u001b\u0007\u009b]/);
    try {
      await checkCase('inspect: OSC label not sent', { args: () => ['inspect', ref], exit: 0, message: /^Size +[\d.]+ MB in 1 layer/m, after: noEscape });
      await checkCase('images --json: OSC label escaped', { args: () => ['images', '--json'], exit: 0, message: /"title": "\\u001b\]0;pwned\\u0007 \\u009b2J"/, after: noEscape });
    } finally {
      await docker().getImage(ref).remove({ force: true }).catch(() => undefined);
    }
  }, 60_000);

  // Host repositories: checked on the host before a bind mount is made.
  const hostCase = async (name: string, prepare: (c: CaseDirs) => string, message: RegExp | null) => {
    const c = caseDirs();
    const dir = prepare(c);
    // What every build, pretend and Base reading asks for a host tree.
    const err = await treeMountsFor(docker(), { source: 'host', path: dir }).then(() => null, (e: unknown) => e as Error);
    record({ name: `host repository: ${name}`, message: err ? shortPaths(err.message) : 'accepted', exit: '-', left: 'nothing' });
    if (message) expect(err?.message).toMatch(message);
    else expect(err).toBeNull();
  };
  const repoIn = (c: CaseDirs) => {
    const dir = path.join(c.dir, 'repo');
    mkdirSync(path.join(dir, 'profiles'), { recursive: true });
    writeFileSync(path.join(dir, 'profiles', 'repo_name'), 'mine\n');
    return dir;
  };
  it('host repository holding a socket is refused', async () => {
    let server: net.Server | undefined;
    try {
      await hostCase('holds a socket', (c) => {
        const dir = repoIn(c);
        mkdirSync(path.join(dir, 'app-misc'));
        server = net.createServer().listen(path.join(dir, 'app-misc', 'engine.sock'));
        return dir;
      }, /holds a socket \(.*app-misc\/engine\.sock\); a build must never reach it/);
    } finally {
      server?.close();
    }
  });
  it('host folder without profiles/repo_name is refused', async () => {
    await hostCase('no profiles/repo_name', (c) => c.out, /has no profiles\/repo_name, so it is not an ebuild repository/);
  });
  it('host path that is a symlink to /var/run is refused', async () => {
    await hostCase('symlink to /var/run', (c) => {
      symlinkSync('/var/run', path.join(c.dir, 'link'));
      return path.join(c.dir, 'link');
    }, /leads to \/run, which is a system folder/);
  });
  it('the test repository is accepted', async () => {
    await hostCase('a real repository', () => FIXTURE_REPO, null);
  });
  it('build with a host repository holding a socket: exit 1 before any container', async () => {
    let server: net.Server | undefined;
    try {
      await checkCase('build: host repository with a socket', {
        ...buildOf(async (c) => {
          const dir = repoIn(c);
          await new Promise<void>((resolve) => { server = net.createServer().listen(path.join(dir, 'docker.sock'), resolve); });
          const r = helloRecipe('rel-sock');
          r.portage = { source: 'host', path: dir };
          return r;
        }),
        exit: 1,
        message: /the host repository .*\/repo holds a socket \(.*docker\.sock\)/,
        timeoutMs: 90_000,
      });
    } finally {
      server?.close();
    }
  }, 120_000);

  // Interrupts during export: the partial archive and the temporary container and image go.
  for (const [signal, code, said] of [['SIGINT', 130, /interrupted: cleaning up/], ['SIGTERM', 143, /SIGTERM: cleaning up/], ['SIGHUP', 129, /SIGHUP: cleaning up/]] as const) {
    it(`${signal} during a flattened export`, async () => {
      await checkCase(`export: ${signal} while flattening`, {
        args: (c) => ['export', realPortageImages().base, '--flatten', '-o', path.join(c.out, 'base.tar')],
        interrupt: { when: /flattening|writing/, signal, delayMs: 300 },
        exit: code,
        message: said,
        timeoutMs: 120_000,
        after: async (c) => {
          const { readdirSync } = await import('node:fs');
          expect(readdirSync(c.out)).toEqual([]);
        },
      });
    }, 150_000);
  }

  /** What a build cancelled by SIGINT promises: exit 130, the sentence naming it, no image under `tag`. */
  const cancelled = (tag: string): Pick<CliCase, 'exit' | 'message' | 'timeoutMs' | 'after'> => ({
    exit: 130,
    message: /interrupted: cancelling build \d{8}-\d{6}-[0-9a-f]{6}/,
    timeoutMs: 120_000,
    after: async () => {
      await expect(docker().getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
    },
  });

  it('SIGINT during a build\'s emerge cancels it: exit 130, no container, no image, no tag', async () => {
    const tag = `gentoo-wb-test/rel-sigint:${process.pid}`;
    await checkCase('build: SIGINT during emerge', {
      ...buildOf(() => helloRecipe('rel-sigint', [tag])),
      env: () => ({ GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=15' }),
      interrupt: { when: /start +\(1 of 1\) app-misc\/hello/, signal: 'SIGINT', delayMs: 1500 },
      ...cancelled(tag),
    });
  }, 150_000);

  it('SIGINT during a build\'s prepare step: exit 130, nothing made', async () => {
    await checkCase('build: SIGINT during prepare', {
      ...buildOf(() => helloRecipe('rel-prep')),
      interrupt: { when: /Prepare/, signal: 'SIGINT', delayMs: 50 },
      exit: 130,
      message: /interrupted|cancel/,
      timeoutMs: 120_000,
    });
  }, 150_000);

  it('SIGINT during a build\'s smoke test: exit 130, no container, no image, no tag', async () => {
    const tag = `gentoo-wb-test/rel-smoke:${process.pid}`;
    await checkCase('build: SIGINT during the smoke test', {
      ...buildOf(() => {
        const r = helloRecipe('rel-smoke', [tag]);
        r.smokeTest = { argv: ['/bin/sh', '-c', 'sleep 30'] };
        return r;
      }),
      interrupt: { when: /step +Smoke test/, signal: 'SIGINT', delayMs: 1000 },
      ...cancelled(tag),
    });
  }, 150_000);

  it('a secret in the build environment never reaches the image (config, history, labels)', async () => {
    const tag = `gentoo-wb-test/rel-secret:${process.pid}`;
    try {
      await checkCase('build: secret in GENTOO_WB_BUILD_ENV not in the image', {
        ...buildOf(() => helloRecipe('rel-secret', [tag])),
        env: () => ({ GENTOO_WB_BUILD_ENV: 'GWB_TEST_COMPILE_SECONDS=0 http_proxy=http://user:s3cr3t-rel@127.0.0.1:3128' }),
        exit: 0,
        message: /result +success/,
        keeps: /^image gentoo-wb-test\/rel-secret:/,
        timeoutMs: 120_000,
        after: async () => {
          const image = await docker().getImage(tag).inspect();
          const history = await docker().getImage(tag).history();
          expect(JSON.stringify(image)).not.toContain('s3cr3t-rel');
          expect(JSON.stringify(history)).not.toContain('s3cr3t-rel');
          await docker().getImage(tag).remove();
        },
      });
    } finally {
      await docker().getImage(tag).remove({ force: true }).catch(() => undefined);
    }
  }, 150_000);
});
