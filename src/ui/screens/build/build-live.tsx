// The live build pane: header, one row per package building, merging, waiting to merge or failed
// (the building ones first, "N more" when they do not fit), and the focused log underneath — the
// whole build output, or one package's build.log (with the failure panel above it when that
// package failed). Tab moves between rows and log; Enter on a row shows its log;
// Esc in a package's log goes back to the whole output; + / _ maximise and restore.
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Box } from 'ink';
import { LogView } from '../../components/log-view/log-view.js';
import { Tone } from '../../components/tone.js';
import { useWizard } from '../../app/wizard-context.js';
import { useCommands, type FooterItem } from '../../keys/key-router.js';
import { useContentSize } from '../../layout/content-size.js';
import { useWorkbench, useWorkbenchApi } from '../../session/workbench-context.js';
import type { BuildState } from '../../session/workbench-store.js';
import { useLook } from '../../theme/theme-context.js';
import { BuildHeader } from './build-header.js';
import { DistccLine } from './distcc-line.js';
import { useBuildServices } from './build-context.js';
import { FAILURE_PANEL_HEIGHT, FailurePanel, failedPhase } from './failure-panel.js';
import { ALL_OUTPUT, buildElapsed, packageRows } from './package-rows-model.js';
import { PackageRows } from './package-rows.js';
import { ResultLine } from './result-line.js';
import { useBuildFacts, useBuildForecast, useHistory, useSavedFailureCopy } from './use-build-data.js';
import { buildEta } from '../../../core/forecast/build-eta.js';
import { logActions } from './use-log-actions.js';
import { useLogSource } from './use-log-source.js';
import { usePackagePhases } from './use-package-phases.js';
import { useRingCount } from './use-ring-count.js';
import { useTicker } from './use-ticker.js';

type Pane = 'rows' | 'log';

const ROW_FOOTER: FooterItem[] = [{ keys: 'Enter', label: 'show log' }, { keys: 'Tab', label: 'pane' }, { keys: '+', label: 'max' }];

export interface BuildLiveProps {
  build: BuildState;
  /** `b` was pressed and the new build has not started yet. */
  starting: boolean;
  onStart: () => void;
}

/** Row-pane height: everything when maximised, else up to a third of the body. */
function rowsHeightFor(body: number, count: number, maximised: Pane | null): number {
  if (maximised === 'rows') return body;
  if (maximised === 'log') return 0;
  return Math.min(count, Math.max(2, Math.floor(body / 3)));
}

export function BuildLive({ build, starting, onStart }: BuildLiveProps) {
  const { width, height } = useContentSize();
  const workbench = useWorkbenchApi();
  const wizard = useWizard();
  const effects = useBuildServices();
  const { animate } = useLook();
  const recipe = useWorkbench((s) => s.recipe.doc);
  const engine = useWorkbench((s) => s.engine);
  const lastImage = useWorkbench((s) => s.lastImage);
  const running = build.outcome === 'running';
  const hasRecipe = recipe !== null;
  const now = useTicker(running && animate);
  const history = useHistory(effects.loadHistory);
  const current = workbench.builds.current;
  const session = current && current.id === build.id ? current : null;
  const facts = useBuildFacts(session, effects.readState, recipe, build.progress.steps.length);
  const outputLines = useRingCount(workbench.builds.log);

  const [pane, setPane] = useState<Pane>('rows');
  const [maximised, setMaximised] = useState<Pane | null>(null);
  const [selectedKey, setSelectedKey] = useState<string>(ALL_OUTPUT);
  const [focusKey, setFocusKey] = useState<string>(ALL_OUTPUT);

  // A new build starts from the whole output; a failed one opens on its (first) failed package.
  const autoFocused = useRef<string | null>(null);
  useEffect(() => {
    setFocusKey(ALL_OUTPUT);
    setSelectedKey(ALL_OUTPUT);
    setPane('rows');
  }, [build.id]);
  useEffect(() => {
    if (build.outcome !== 'failed' || autoFocused.current === build.id) return;
    autoFocused.current = build.id;
    const failed = build.progress.packages.find((p) => p.state === 'failed');
    if (failed) {
      setFocusKey(failed.cpv);
      setSelectedKey(failed.cpv);
    }
  }, [build.outcome, build.id, build.progress.packages]);

  const docker = engine.status === 'ready' ? engine.connection.docker : null;
  const building = useMemo(() => build.progress.packages.filter((p) => p.state === 'running' && !p.binary).map((p) => p.cpv), [build.progress.packages]);
  const phases = usePackagePhases({ read: effects.lastPhaseLines, docker: running ? docker : null, containerId: session?.containerId() ?? null, building });
  // The forecast of this build: made beside it when it is the open recipe's, or read from its folder.
  const forecast = useBuildForecast(session, recipe && facts?.recipe === recipe.name ? recipe : null, docker, running, effects);
  // Only with a forecast: without one the packages still to come are not even known by name.
  const eta = useMemo(() => (running && forecast ? buildEta(build.progress, forecast, history, forecast?.totals.jobs ?? recipe?.jobs.emerge ?? 1, now) : null), [running, build.progress, forecast, history, recipe, now]);
  const rows = useMemo(() => packageRows(build.progress, history, now, focusKey, phases), [build.progress, history, now, focusKey, phases]);
  const found = rows.findIndex((r) => r.key === selectedKey);
  const selected = found === -1 ? 0 : found;

  const ended = !running;
  const distcc = build.progress.distcc ?? null;
  const body = Math.max(3, height - 2 - (ended || starting ? 1 : 0) - (distcc ? 1 : 0));
  const rowsHeight = rowsHeightFor(body, rows.length, maximised);
  const pkg = focusKey === ALL_OUTPUT ? null : (build.progress.packages.find((p) => p.cpv === focusKey) ?? null);
  const failedPkg = pkg?.state === 'failed' ? pkg : null;
  const panelHeight = failedPkg && maximised !== 'rows' ? FAILURE_PANEL_HEIGHT : 0;
  const logHeight = maximised === 'rows' ? 0 : Math.max(2, body - rowsHeight - panelHeight);
  const activePane: Pane = maximised ?? pane;

  const savedCopy = useSavedFailureCopy(session, pkg?.cpv ?? null, failedPkg !== null && !running);
  const failureLog = (pkg && workbench.builds.failureLogs.find((e) => e.cpv === pkg.cpv)) ?? savedCopy;
  const source = useLogSource({
    focus: focusKey,
    pkg,
    failureLog,
    session,
    ring: workbench.builds.log,
    docker,
    buildRunning: running,
    cols: width,
    rows: Math.max(1, logHeight - 1),
    follow: effects.followPackageLog,
    outputLines,
  });
  const actions = logActions(source, session, effects, wizard.notify);

  const select = (i: number) => setSelectedKey(rows[Math.max(0, Math.min(rows.length - 1, i))]?.key ?? ALL_OUTPUT);
  const togglePane = () => {
    if (maximised) return;
    setPane((p) => (p === 'rows' ? 'log' : 'rows'));
  };

  const screenFooter = [...(maximised ? ['pane.restore'] : []), ...(running || starting || !hasRecipe ? [] : ['build.start']), ...(build.outcome === 'succeeded' ? ['step.next'] : [])];
  const screenHandlers = {
    'pane.next': togglePane,
    'pane.prev': togglePane,
    'pane.maximise': () => setMaximised(activePane),
    'pane.restore': () => setMaximised(null),
    'build.start': running || starting || !hasRecipe ? undefined : onStart,
  };
  const rowHandlers = {
    'move.up': () => select(selected - 1),
    'move.down': () => select(selected + 1),
    'move.pageUp': () => select(selected - Math.max(1, rowsHeight - 1)),
    'move.pageDown': () => select(selected + Math.max(1, rowsHeight - 1)),
    'move.top': () => select(0),
    'move.bottom': () => select(rows.length - 1),
    'item.choose': () => {
      setFocusKey(rows[selected]?.key ?? ALL_OUTPUT);
      if (maximised !== 'rows') setPane('log');
    },
  };
  useCommands('screen', screenHandlers, { footer: screenFooter });
  // Registered after the screen's, so the row keys come first in the footer (newest first).
  useCommands('screen', rowHandlers, { footer: ROW_FOOTER, active: activePane === 'rows' });

  const logFooter: Array<string | FooterItem> = [...(focusKey === ALL_OUTPUT ? [] : [{ keys: 'Esc', label: 'all' }]), 'pane.next'];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <BuildHeader build={build} phases={phases} facts={facts} elapsed={buildElapsed(build.progress, running, now)} eta={eta} now={now} width={width} />
      {distcc ? <DistccLine distcc={distcc} width={width} /> : null}
      {starting ? (
        <Box height={1}>
          <Tone tone="info">Starting a new build…</Tone>
        </Box>
      ) : (
        <ResultLine build={build} image={build.progress.image ?? lastImage} width={width} />
      )}
      {rowsHeight > 0 ? (
        <PackageRows rows={rows} selected={selected} height={rowsHeight} width={width} focused={activePane === 'rows'} shown={focusKey} outputLines={outputLines} />
      ) : null}
      {panelHeight > 0 && failedPkg ? (
        <FailurePanel cpv={failedPkg.cpv} phase={failedPhase(failureLog?.tail ?? null, failedPkg.failedPhase)} logPath={failureLog?.path ?? failedPkg.logPath} local={failureLog !== null} width={width} />
      ) : null}
      {logHeight > 0 ? (
        <LogView
          terminal={source.terminal}
          title={source.title}
          status={source.status}
          emptyText={source.emptyText}
          width={width}
          height={logHeight}
          focused={activePane === 'log'}
          savePath={source.savePath}
          onSave={actions.save}
          onPager={actions.pager}
          onCopy={actions.copy}
          commands={{
            'app.back': () => {
              if (focusKey !== ALL_OUTPUT) {
                setFocusKey(ALL_OUTPUT);
                setSelectedKey(ALL_OUTPUT);
              } else if (!maximised) setPane('rows');
            },
          }}
          footer={logFooter}
        />
      ) : null}
    </Box>
  );
}
