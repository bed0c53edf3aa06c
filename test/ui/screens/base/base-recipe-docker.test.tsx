// The Base and Recipe screens on the real engine with the real-Portage test images: the base is listed
// and read, the USE tab shows descriptions from the snapshot's tree (the test repository), a small
// tarball is imported from the screen, and a pull without a registry says so within seconds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import React from 'react';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectEngine, type EngineConnection } from '../../../../src/engine/docker/index.js';
import { removeImage } from '../../../../src/engine/docker/images.js';
import { App } from '../../../../src/ui/app/app.js';
import { BaseScreen } from '../../../../src/ui/screens/base/base-screen.js';
import { RecipeScreen } from '../../../../src/ui/screens/recipe/recipe-screen.js';
import { WorkbenchProvider } from '../../../../src/ui/session/workbench-context.js';
import { createWorkbenchStore, type WorkbenchStore } from '../../../../src/ui/session/workbench-store.js';
import { busyboxRootfs } from '../../../engine/docker/helpers/busybox.js';
import { describeDocker, dockerStatus } from '../../../helpers/docker.js';
import { fakeServices, fakeWorkbench } from '../../../helpers/fake-workbench.js';
import { renderTui, type Tui } from '../../../helpers/render-tui.js';
import { realPortageImages } from '../../../helpers/real-portage.js';

describeDocker('Base and Recipe screens on the real engine', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-base-ui-'));
  const tag = `gwb-test/ui-import:${randomBytes(3).toString('hex')}`;
  let connection: EngineConnection;
  let store: WorkbenchStore;
  let tui: Tui;
  let tarball = '';

  beforeAll(async () => {
    connection = await connectEngine({ host: dockerStatus.host });
    tarball = path.join(dir, 'root.tar');
    writeFileSync(tarball, await busyboxRootfs());
    store = createWorkbenchStore({ engine: { status: 'ready', connection } });
    const services = fakeServices({ connection, recipes: { defaultPath: (n: string) => path.join(dir, `${n}.json`) } });
    tui = await renderTui(
      <WorkbenchProvider value={fakeWorkbench(services, store)}>
        <App onExit={() => {}} screens={{ base: BaseScreen, recipe: RecipeScreen }} initialStep="base" />
      </WorkbenchProvider>,
    );
  });
  afterAll(async () => {
    tui?.unmount();
    await removeImage(connection.docker, tag, { force: true }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the real-Portage base as a local image and reads its profile, CHOST, Portage and packages', async () => {
    const { base: stage3, tree: portage } = realPortageImages();
    await tui.waitForFrame((f) => /Local images \(\d+\)/.test(f) && !f.includes('Local images (0)'), 15_000);
    // The tree first: the snapshot image is offered because it declares the VOLUME.
    await tui.press('shift+tab', '/');
    await tui.press(portage);
    await tui.waitForFrame((f) => /› \( \) snapshot gentoo-wb-/.test(f) && /1 of \d+/.test(f), 15_000);
    await tui.press('enter', 'enter');
    expect(tui.frame()).toContain(`tree: snapshot ${portage}`);
    // The long name is shortened in the middle at 80 columns; its tag (the hash) stays whole. The filter is
    // the end of the name, short enough for the match count to show beside it.
    const hash = stage3.slice(stage3.lastIndexOf(':') + 1);
    await tui.press('shift+tab', '/');
    await tui.press(`base:${hash}`);
    await tui.waitForFrame((f) => new RegExp(`› gentoo-wb-test/\\S*${hash}`).test(f) && /1 of \d+/.test(f));
    await tui.press('enter', 'enter');
    // The test profile with @system emerged: eselect, which, glibc, zlib.
    const frame = await tui.waitForFrame((f) => /packages +4 installed/.test(f), 30_000);
    expect(frame).toMatch(/profile +test\/amd64/);
    expect(frame).toMatch(/CHOST +x86_64-pc-linux-gnu/);
    expect(frame).toMatch(/Portage +3\.0\.82/);
    expect(store.getState().base?.installed).toHaveLength(4);
    expect(store.getState().recipe.doc).toMatchObject({ base: { image: stage3 }, portage: { source: 'snapshot', image: portage } });
  });

  it('the USE tab shows descriptions read from the snapshot\'s tree', async () => {
    await tui.press('3', 'right');
    await tui.waitForFrame((f) => f.includes(`flags from snapshot ${realPortageImages().tree}`), 30_000);
    await tui.press('/');
    await tui.press('SSL/TLS');
    // The test profile's USE is only "amd64": ssl is off in the base.
    const frame = await tui.waitForFrame((f) => /\[ \] ssl +off +Add support for SSL\/TLS connections/.test(f));
    expect(frame).toContain('1 of');
    await tui.press('enter', 'space');
    expect(store.getState().recipe.doc?.makeConf.USE).toBe('ssl');
  });

  it('imports a small tarball with a tag from the screen', async () => {
    await tui.press('2', 'i');
    await tui.press(tarball);
    await tui.press('enter', 'ctrl+u');
    await tui.press(tag);
    await tui.press('enter');
    const frame = await tui.waitForFrame((f) => f.includes(`Imported ${tarball} as ${tag}`), 30_000);
    expect(frame).toContain(`› ${tag}`);
    expect((await connection.docker.getImage(tag).inspect()).Config.Labels?.['org.gentoo-wb.role']).toBe('imported');
  });

  it('a pull without a registry gives a clear message within a few seconds', async () => {
    await tui.press('tab', 'tab');
    expect(tui.frame()).toMatch(/›Catalogue/);
    await tui.press('/');
    await tui.type('musl-llvm');
    await tui.press('enter');
    const started = Date.now();
    await tui.press('p');
    const frame = await tui.waitForFrame((f) => f.includes('No registry answered.'), 20_000);
    expect(Date.now() - started).toBeLessThan(16_000);
    expect(frame).toContain('i imports a stage3 tarball instead.');
  });
});
