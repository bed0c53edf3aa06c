// Step 4, Pretend: runs emerge --pretend for the open recipe in a throwaway container and shows the
// merge list as a table, the problems in words and the changes Portage asks for; `a` writes those
// into the recipe and runs again, `r` re-runs, Esc cancels a run, Enter shows a package in full.
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { Box } from 'ink';
import { explainContextOf, explainProblems } from '../../../core/pretend/explain-problems.js';
import { planPretend } from '../../../core/pretend/pretend-plan.js';
import { totalsLines } from '../../../core/pretend/totals.js';
import { forecastSummary } from '../../../core/forecast/forecast-text.js';
import { splitTerminalLines } from '../../../core/portage/terminal-text.js';
import { recipeHash } from '../../../core/recipe/recipe-hash.js';
import { useWizard } from '../../app/wizard-context.js';
import { useCommands, type FooterItem } from '../../keys/key-router.js';
import { engineLabel } from '../../session/engine-switch.js';
import { useContentSize } from '../../layout/content-size.js';
import { useOptionalWorkbenchApi, useWorkbench, useWorkbenchApi } from '../../session/workbench-context.js';
import { Tone } from '../../components/tone.js';
import { useLook } from '../../theme/theme-context.js';
import { applyToRecipe } from './apply-to-recipe.js';
import { GateMessage, type Gate } from './gate-message.js';
import { clampIndex, windowTop } from '../../components/list/list-model.js';
import { sectionHeights, type Section } from './layout.js';
import { MergeTable } from './merge-table.js';
import { changeLines, detailLines, problemLines } from './panel-lines.js';
import { usePretendServices } from './pretend-context.js';
import { RunningView } from './running-view.js';
import { SearchPrompt } from './search-prompt.js';
import { StatusLine } from './status-line.js';
import { columnWidths, nextMatch, searchMatches, tableRows } from './table-model.js';
import { maxPanelTop, PANEL_INDENT, TextPanel } from './text-panel.js';
import type { PanelLine } from './panel-lines.js';
import { wrapLine } from '../../../core/format/wrap.js';
import { usePretendRun } from './use-pretend-run.js';

/** Tab only when there is another pane to go to (problems or changes under the table). */
const listFooter = (panes: number): Array<string | FooterItem> => ['item.choose', 'list.search', 'pretend.apply', 'pretend.rerun', ...(panes > 1 ? ['pane.next'] : []), 'step.next'];
const DETAIL_FOOTER: Array<string | FooterItem> = [{ keys: '↑↓', label: 'scroll' }, { keys: 'Esc/h', label: 'back' }, 'pretend.apply', 'pretend.rerun'];
const RUNNING_FOOTER: Array<string | FooterItem> = [{ keys: 'Esc/h', label: 'cancel' }, 'pretend.rerun'];

/** The Pretend screen (it needs the workbench session: the engine connection and the open recipe). */
export function PretendScreen() {
  const workbench = useOptionalWorkbenchApi();
  if (!workbench) return <Tone tone="warn">Pretend needs a workbench session (the engine connection and the open recipe).</Tone>;
  return <PretendBody />;
}

function PretendBody() {
  const { width, height } = useContentSize();
  const { glyphs } = useLook();
  const wizard = useWizard();
  const { store, services } = useWorkbenchApi();
  const engine = useWorkbench((s) => s.engine);
  const recipe = useWorkbench((s) => s.recipe);
  const base = useWorkbench((s) => s.base);
  const sandbox = useWorkbench((s) => s.sandbox);
  const runner = usePretendRun(usePretendServices());
  const { state } = runner;

  const [tree, setTree] = useState(false);
  const [focus, setFocus] = useState<Section>('table');
  const [selected, setSelected] = useState(0);
  const [storedTop, setStoredTop] = useState(0);
  const [panelTop, setPanelTop] = useState<Record<'problems' | 'changes', number>>({ problems: 0, changes: 0 });
  const [detail, setDetail] = useState<number | null>(null);
  const [detailTop, setDetailTop] = useState(0);
  const [search, setSearch] = useState({ editing: false, query: '' });
  const [maximised, setMaximised] = useState(false);

  const doc = recipe.doc;
  // Another engine has another binary package cache (and maybe another tree): its own run.
  const engineName = engine.name;
  const key = useMemo(() => (doc ? `${recipeHash(doc)}${tree ? ':tree' : ''}@${engineLabel(engineName)}` : null), [doc, tree, engineName]);
  const gate: Gate | null =
    engine.status !== 'ready' ? { kind: 'engine', engine } : !doc ? { kind: 'no-recipe' } : recipe.problems.length > 0 ? { kind: 'recipe-problems', path: recipe.path, problems: recipe.problems } : null;

  const startRun = useCallback(() => {
    if (gate || engine.status !== 'ready' || !doc || !key) return;
    const facts = base?.chost ? { chost: base.chost, libcFiles: base.libcFiles, libcPackage: base.libcPackage } : null;
    runner.start(engine.connection, { recipe: doc, tree, base: facts, sandbox, key });
  }, [gate, engine, doc, key, tree, base, sandbox, runner]);

  // One automatic run per recipe version: on arrival, and after the recipe changed (apply, edits).
  useEffect(() => {
    if (!gate && key && state.phase !== 'running' && state.attemptedKey !== key) startRun();
  }, [gate, key, state.phase, state.attemptedKey, startRun]);

  const run = state.run;
  const rows = useMemo(() => (run ? tableRows(run.result, run.forecast ?? null) : []), [run]);
  const rawLines = useMemo(() => (run ? splitTerminalLines(run.text) : []), [run]);
  const problems = useMemo(() => (run ? explainProblems(run.result, run.text, doc ?? undefined, explainContextOf(run.command)) : []), [run, doc]);
  const pLines = useMemo(() => problemLines(problems, width - PANEL_INDENT, glyphs), [problems, width, glyphs]);
  const cLines = useMemo(() => changeLines(run?.result.changes ?? [], width - PANEL_INDENT, doc !== null), [run, width, doc]);
  // The totals as `gentoo-wb pretend` prints them (one computation in core), on one row; the forecast's on the next.
  const totals = useMemo(() => (run ? [totalsLines(run.result).join(' · '), run.forecast && run.forecast.packages.length > 0 ? `Forecast: ${forecastSummary(run.forecast.totals)}` : ''].filter(Boolean) : []), [run]);
  const matches = useMemo(() => searchMatches(rows, search.query), [rows, search.query]);
  const matchSet = useMemo(() => new Set(matches), [matches]);

  const showSearch = search.editing || search.query !== '';
  const bodyHeight = Math.max(1, height - 1 - (showSearch ? 1 : 0));
  const want = { table: Math.max(2, rows.length + 1 + totals.length), problems: pLines.length > 0 ? pLines.length + 1 : 0, changes: cLines.length > 0 ? cLines.length + 1 : 0 };
  const sections = (['table', 'problems', 'changes'] as const).filter((s) => want[s] > 0);
  const activeFocus: Section = want[focus] > 0 ? focus : 'table';
  const heights = sectionHeights(bodyHeight, want, activeFocus, maximised);
  const widths = useMemo(() => columnWidths(width, rows, glyphs.arrow), [width, rows, glyphs.arrow]);
  const tableBody = Math.max(1, heights.table - 1 - Math.min(totals.length, Math.max(0, heights.table - 2)));
  const sel = clampIndex(selected, rows.length);
  const top = windowTop(storedTop, sel, tableBody, rows.length);
  useEffect(() => {
    if (top !== storedTop) setStoredTop(top);
  }, [top, storedTop]);

  const detailRow = detail === null ? undefined : rows[detail];
  const dLines = useMemo(
    () => (detailRow ? detailLines(detailRow, rawLines[detailRow.pkg.line - 1] ?? '', problems, width - PANEL_INDENT, glyphs) : []),
    [detailRow, rawLines, problems, width, glyphs],
  );
  const detailMax = maxPanelTop(dLines.length, bodyHeight);

  const move = (to: number) => setSelected(clampIndex(to, rows.length));
  const scrollPanel = (panel: 'problems' | 'changes', to: number) => {
    const count = panel === 'problems' ? pLines.length : cLines.length;
    setPanelTop((t) => ({ ...t, [panel]: Math.max(0, Math.min(maxPanelTop(count, heights[panel]), to)) }));
  };
  const scrollBy = (delta: number | 'top' | 'bottom') => {
    if (activeFocus === 'table') {
      move(delta === 'top' ? 0 : delta === 'bottom' ? rows.length - 1 : sel + delta);
      return;
    }
    const current = panelTop[activeFocus];
    scrollPanel(activeFocus, delta === 'top' ? 0 : delta === 'bottom' ? Number.MAX_SAFE_INTEGER : current + delta);
  };
  const page = activeFocus === 'table' ? tableBody : Math.max(1, heights[activeFocus] - 1);
  const cycle = (step: 1 | -1) => {
    const i = sections.indexOf(activeFocus);
    setFocus(sections[(i + step + sections.length) % sections.length] ?? 'table');
  };
  const jump = (backwards: boolean) => {
    const m = nextMatch(matches, sel, backwards);
    if (m < 0) {
      wizard.notify(search.query ? `No package matches "${search.query}".` : 'Search with / first.', 'info');
      return;
    }
    setFocus('table');
    move(m);
  };
  const apply = () => {
    if (!run || !doc) return;
    void applyToRecipe({ store, save: services.recipes.save, load: services.recipes.load, recipe: doc, path: recipe.path, dirty: recipe.dirty, changes: run.result.changes }).then((m) => wizard.notify(m.text, m.tone));
  };
  const common = {
    'pretend.rerun': () => startRun(),
    'pretend.tree': () => setTree((t) => !t),
    'pretend.apply': apply,
  };
  const mode = gate ? 'gate' : search.editing ? 'search' : state.phase === 'running' ? 'running' : detailRow ? 'detail' : 'list';

  useCommands('screen', { ...common, 'app.back': () => runner.cancel() }, { footer: RUNNING_FOOTER, active: mode === 'running' });
  useCommands(
    'screen',
    {
      ...common,
      'move.up': () => scrollBy(-1),
      'move.down': () => scrollBy(1),
      'move.pageUp': () => scrollBy(-page),
      'move.pageDown': () => scrollBy(page),
      'move.top': () => scrollBy('top'),
      'move.bottom': () => scrollBy('bottom'),
      'item.choose': () => {
        if (activeFocus === 'table' && rows[sel]) {
          setDetail(sel);
          setDetailTop(0);
        }
      },
      'list.search': () => setSearch({ editing: true, query: '' }),
      'list.nextMatch': () => jump(false),
      'list.prevMatch': () => jump(true),
      'pane.next': () => cycle(1),
      'pane.prev': () => cycle(-1),
      'pane.maximise': () => setMaximised(true),
      'pane.restore': () => setMaximised(false),
      'app.back': maximised ? () => setMaximised(false) : search.query ? () => setSearch({ editing: false, query: '' }) : undefined,
    },
    { footer: listFooter(sections.length), active: mode === 'list' },
  );
  useCommands(
    'screen',
    {
      ...common,
      'move.up': () => setDetailTop((t) => Math.max(0, t - 1)),
      'move.down': () => setDetailTop((t) => Math.min(detailMax, t + 1)),
      'move.pageUp': () => setDetailTop((t) => Math.max(0, t - (bodyHeight - 1))),
      'move.pageDown': () => setDetailTop((t) => Math.min(detailMax, t + bodyHeight - 1)),
      'move.top': () => setDetailTop(0),
      'move.bottom': () => setDetailTop(detailMax),
      'app.back': () => setDetail(null),
      'item.choose': () => setDetail(null),
    },
    { footer: DETAIL_FOOTER, active: mode === 'detail' },
  );
  useCommands('screen', { 'pretend.rerun': () => startRun() }, { footer: ['pretend.rerun', 'step.prev'], active: mode === 'gate' });
  useCommands(
    'modal',
    {},
    {
      active: mode === 'search',
      footer: [{ keys: 'Enter', label: 'find' }, { keys: 'Esc', label: 'cancel' }],
      raw: (name, input) => {
        if (name === 'escape') setSearch({ editing: false, query: '' });
        else if (name === 'enter') {
          setSearch((s) => ({ ...s, editing: false }));
          const m = matches.includes(sel) ? sel : nextMatch(matches, sel - 1);
          if (m >= 0) {
            setFocus('table');
            move(m);
          }
        } else if (name === 'backspace') setSearch((s) => ({ ...s, query: s.query.slice(0, -1) }));
        else if (name === 'space') setSearch((s) => ({ ...s, query: `${s.query} ` }));
        else if (input.length === 1 && name === input) setSearch((s) => ({ ...s, query: s.query + input }));
        return true;
      },
    },
  );

  const image = doc ? doc.base.image : '';
  // The exact command, as the engine will run it (the same pure function builds it there).
  const commandText = useMemo(() => {
    if (!doc) return '';
    const planned = planPretend(doc, { tree, ...(sandbox ? { sandbox } : {}) });
    if (!planned.ok) return '';
    const c = planned.command;
    return [...Object.entries(c.env).map(([k, v]) => `${k}=${v}`), ...c.argv].join(' ');
  }, [doc, tree, sandbox]);
  const stale = run !== null && key !== null && state.runKey !== key;
  const emptyText = run?.result.nothingToMerge ? 'Nothing to merge.' : problems.length > 0 ? 'No merge list: see the problems below.' : 'No packages in the list.';
  // The status line has one row; here the whole error and its fix, wrapped, so nothing stays cut.
  const failureLines: PanelLine[] = state.error
    ? [
        ...wrapLine(state.error.message, width - PANEL_INDENT, '  ').map((text) => ({ text, tone: 'fail' as const })),
        ...wrapLine(`How to fix it: ${state.error.hint}`, width - PANEL_INDENT, '  ').map((text) => ({ text, tone: 'info' as const })),
      ]
    : [];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {gate ? (
        <GateMessage gate={gate} width={width} height={height} />
      ) : (
        <>
          <StatusLine state={state} elapsedMs={runner.elapsedMs} image={image} stale={stale} width={width} />
          {mode === 'running' || (!run && state.phase !== 'running') ? (
            mode === 'running' ? (
              <RunningView command={commandText} output={state.output} width={width} height={bodyHeight} />
            ) : (
              <TextPanel title="No result yet" lines={failureLines} top={0} focused={false} width={width} height={bodyHeight} />
            )
          ) : detailRow ? (
            <TextPanel title={`Package ${(detail ?? 0) + 1} of ${rows.length}`} lines={dLines} top={detailTop} focused width={width} height={bodyHeight} />
          ) : (
            <>
              <MergeTable rows={rows} widths={widths} selected={sel} top={top} focused={activeFocus === 'table'} matches={matchSet} width={width} height={heights.table} empty={emptyText} totals={totals} />
              <TextPanel title={`Problems (${problems.length})`} lines={pLines} top={panelTop.problems} focused={activeFocus === 'problems'} width={width} height={heights.problems} />
              <TextPanel title={`Changes Portage asks for (${run?.result.changes.length ?? 0})`} lines={cLines} top={panelTop.changes} focused={activeFocus === 'changes'} width={width} height={heights.changes} />
            </>
          )}
          {showSearch && mode !== 'running' ? <SearchPrompt query={search.query} editing={search.editing} matches={matches.length} width={width} /> : null}
        </>
      )}
    </Box>
  );
}
