// Starts the interactive workbench on the real terminal and returns its exit code.
import React from 'react';
import { render } from 'ink';
import { chooseGlyphs } from '../core/glyphs.js';
import { chooseTheme } from '../core/theme.js';
import { openSettings } from '../engine/settings/settings-store.js';
import { loadTheme } from '../engine/theme-files.js';
import { App } from './app/app.js';
import { BaseServicesProvider } from './screens/base/base-context.js';
import { BuildServicesProvider } from './screens/build/build-context.js';
import { HostChecksServicesProvider } from './screens/host-checks/host-checks-context.js';
import { PretendServicesProvider } from './screens/pretend/pretend-context.js';
import { ResultServicesProvider } from './screens/result/result-context.js';
import { createWorkbench, startWorkbench } from './session/bootstrap.js';
import { buildEnvFrom } from '../engine/build/build-env.js';
import { LOCAL_ENGINE } from '../engine/engines/engine-spec.js';
import { WorkbenchProvider } from './session/workbench-context.js';
import { realServices } from './session/workbench-services.js';
import type { Message } from './app/wizard-context.js';
import { enterFullscreen, type Fullscreen } from './terminal/fullscreen.js';
import { isMono, LookProvider } from './theme/theme-context.js';
import { farmControllerOf } from './screens/build/farm/farm-controller.js';

/** The Build screen's services with nothing replaced: the real engine, files, clipboard and pager. */
const REAL_SERVICES = {};

export interface RunTuiOptions {
  /** The alternate screen the entry point already entered to draw the first frame. */
  screen?: Fullscreen;
  recipePath?: string;
  /** Open on the Build step, attached to this running build. */
  attachBuild?: string;
  theme?: string;
  host?: string;
  context?: string;
  /** `--engine NAME` (`local`: the default endpoint); without it, the engine used last time. */
  engine?: string;
}

export async function runTui(opts: RunTuiOptions): Promise<number> {
  const settings = openSettings();
  const messages: Message[] = [];
  if (settings.notice) messages.push({ text: settings.notice, tone: 'warn' });

  const choice = chooseTheme(process.env, opts.theme, settings.read().theme);
  const loaded = loadTheme(choice.name);
  if (loaded.problem) messages.push({ text: loaded.problem, tone: 'warn' });
  else if (choice.reason === 'flag' && opts.theme) settings.update((s) => ({ ...s, theme: opts.theme }));
  if (opts.theme && choice.reason !== 'flag') messages.push({ text: `${choice.reason} is set: colours are off, --theme ${opts.theme} ignored`, tone: 'info' });

  const look = {
    theme: loaded.theme,
    glyphs: chooseGlyphs(process.env),
    mono: isMono(loaded.theme),
    animate: settings.read().preferences.animation,
  };

  const workbench = createWorkbench(realServices({ host: opts.host, context: opts.context, settings, buildEnv: buildEnvFrom(process.env) }));
  // `gentoo-wb attach`: the first frame already shows the build being reached, not an idle Build step.
  if (opts.attachBuild) workbench.builds.expectAttach(opts.attachBuild);
  const screen = opts.screen ?? enterFullscreen(process.stdout);
  // Ink draws from the cursor's position: start it on an empty screen (the first frame goes now).
  screen.clear();
  let exitCode = 0;
  const instance = render(
    <LookProvider look={look}>
      <WorkbenchProvider value={workbench}>
        <HostChecksServicesProvider options={{ ...(opts.host ? { host: opts.host } : {}), ...(opts.context ? { context: opts.context } : {}) }}>
          {/* Each screen's services (the real engine) and the memories that outlive a screen, owned by this session. */}
          <BaseServicesProvider>
            <PretendServicesProvider>
              <ResultServicesProvider>
                <BuildServicesProvider value={REAL_SERVICES}>
                  <App
                    initialMessages={messages}
                    initialStep={opts.attachBuild ? 'build' : opts.recipePath ? 'recipe' : undefined}
                    onExit={() => instance.unmount()}
                    onReady={(wizard) => void startWorkbench(workbench, {
                      recipePath: opts.recipePath, attachBuild: opts.attachBuild, notify: wizard.notify,
                      // --engine local: the default endpoint, even when another was used last time.
                      ...(opts.engine === undefined || opts.engine === LOCAL_ENGINE ? {} : { engine: opts.engine }),
                      // -H/--context name the endpoint, as --engine does: then the remembered engine is not used.
                      rememberedEngine: opts.engine === undefined && opts.host === undefined && opts.context === undefined,
                      rememberEngine: opts.engine !== undefined && opts.attachBuild === undefined,
                    })}
                  />
                </BuildServicesProvider>
              </ResultServicesProvider>
            </PretendServicesProvider>
          </BaseServicesProvider>
        </HostChecksServicesProvider>
      </WorkbenchProvider>
    </LookProvider>,
    { exitOnCtrlC: false, patchConsole: true, maxFps: 30 },
  );
  // An SSH drop (SIGHUP) or a polite kill detaches: builds run in their own containers and outlive us.
  let hungUp = false;
  const farm = farmControllerOf(workbench);
  // conf's when-exit sends the signal to this process again: while a farm is cancelled (below) that must not end it.
  const holdOn = () => undefined;
  const detach = (signal: NodeJS.Signals) => {
    hungUp = signal === 'SIGHUP';
    if (farm.running) for (const s of ['SIGHUP', 'SIGTERM'] as const) process.on(s, holdOn);
    workbench.builds.detach();
    instance.unmount();
  };
  // Before Ink has switched the terminal to raw mode, Ctrl-C still arrives as SIGINT: quit the same
  // way as the key does, so the terminal is restored either way.
  const quit = () => instance.unmount();
  process.once('SIGHUP', detach);
  process.once('SIGTERM', detach);
  process.on('SIGINT', quit);
  try {
    await instance.waitUntilExit();
  } catch (err) {
    exitCode = 1;
    screen.restore();
    process.stderr.write(`gentoo-wb: ${(err as Error).stack ?? String(err)}\n`);
  } finally {
    process.off('SIGHUP', detach);
    process.off('SIGTERM', detach);
    process.off('SIGINT', quit);
    screen.restore();
  }
  // A farm's order lives in this process (as with `gentoo-wb build … --engines`): one still running after an
  // SSH drop or a kill is cancelled (its builds and the binhost it started removed) before the process ends.
  await farm.cancel();
  for (const s of ['SIGHUP', 'SIGTERM'] as const) process.off(s, holdOn);
  // Back in the shell (whose terminal is still there): how to follow again a build left running.
  const note = hungUp ? null : workbench.builds.reattachNote();
  if (note) process.stderr.write(note);
  return exitCode;
}
