// Step 1, Host: the checks grouped with counts, problems first; Enter opens a finding's detail and
// fix, f shows problems only, r re-runs, c copies the fix. Moving on is free with warnings and asks
// first when something failed. The checks are of the session's engine (a configured one picked on
// Base › Engine is named in the top line); a switch runs them again there.
import React, { useEffect, useMemo, useState } from 'react';
import { hostname } from 'node:os';
import { Box } from 'ink';
import { FINDING_GROUPS, GROUP_TITLES, type Finding } from '../../../core/host/finding.js';
import { gateImpact, gateKey } from '../../../core/host/gate.js';
import { stepByNumber, STEPS, type StepId } from '../../app/steps.js';
import { useWizard } from '../../app/wizard-context.js';
import { useCommands, type FooterItem } from '../../keys/key-router.js';
import { useContentSize } from '../../layout/content-size.js';
import { ConfirmNext } from './confirm-next.js';
import { detailLines, fixText } from './detail-lines.js';
import { FindingDetail } from './finding-detail.js';
import { FindingPane } from './finding-pane.js';
import { GroupPane } from './group-pane.js';
import { useHostChecksServices } from './host-checks-context.js';
import { clampIndex, windowTop } from '../../components/list/list-model.js';
import { groupFindings, groupRows, initialGroup, type GroupRow } from './list-model.js';
import { SummaryLine } from './summary-line.js';
import { useCheckRun } from './use-check-run.js';
import { useSessionEngine } from './use-session-engine.js';
import { useOptionalWorkbenchApi } from '../../session/workbench-context.js';
import { copySentNotice } from '../../terminal/osc52.js';

type Pane = 'groups' | 'findings';

// Short enough that "? help  q/^C quit" still fit at 80 columns; Tab (panes) is in the help.
const LIST_FOOTER: Array<string | FooterItem> = ['item.choose', 'host.problemsOnly', 'host.rerun', 'action.copy', 'step.next'];
const DETAIL_FOOTER: Array<string | FooterItem> = [{ keys: '↑↓', label: 'scroll' }, 'action.copy', { keys: 'Esc/h', label: 'back' }, 'host.rerun', 'step.next'];

// Binhosts are listed only when the open recipe names some.
const PENDING_ROWS: GroupRow[] = FINDING_GROUPS.filter((g) => g !== 'binhosts').map((group) => ({ group, title: GROUP_TITLES[group], counts: { pass: 0, warn: 0, fail: 0, info: 0 } }));

/** The Host screen. */
export function HostChecksScreen() {
  const { width, height } = useContentSize();
  const wizard = useWizard();
  const { gather, copy, memory } = useHostChecksServices();
  const workbench = useOptionalWorkbenchApi();
  const session = useSessionEngine(workbench);
  const checks = useCheckRun(gather, () => workbench?.store.getState().recipe.doc ?? null, session.engine, !session.ready);
  // The sizing becomes the recipe's MAKEOPTS and --jobs defaults (Base and Recipe read it from the store);
  // the CPU level decides whether the Recipe screen offers Gentoo's x86-64-v3 binary packages.
  useEffect(() => {
    const sizing = checks.result?.sizing;
    // Only while the session is still on the engine these results are of.
    if (workbench && sizing) workbench.store.update((s) => (s.engine.name === checks.engine ? { ...s, sizing, cpuV3: checks.result?.cpuV3 ?? null } : s));
  }, [workbench, checks.result, checks.engine]);
  const findings = useMemo(() => checks.result?.findings ?? [], [checks.result]);
  const rows = useMemo(() => groupRows(findings), [findings]);

  const [pane, setPane] = useState<Pane>('groups');
  const [chosenGroup, setChosenGroup] = useState<number | null>(null);
  const [findingIndex, setFindingIndex] = useState(0);
  const [storedTop, setStoredTop] = useState(0);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [detailTop, setDetailTop] = useState(0);
  const [confirming, setConfirming] = useState<StepId | null>(null);
  const [confirmedRun, setConfirmedRun] = useState<number | null>(null);

  const bodyHeight = Math.max(1, height - 1);
  const listRows = Math.max(1, bodyHeight - 1);
  const groupWidth = Math.min(34, Math.max(24, Math.floor(width * 0.38)));
  const gi = clampIndex(chosenGroup ?? initialGroup(rows), rows.length);
  const group = rows[gi];
  const list = useMemo(() => groupFindings(findings, group?.group, problemsOnly), [findings, group, problemsOnly]);
  const fi = clampIndex(findingIndex, list.length);
  const top = windowTop(storedTop, fi, listRows, list.length);
  useEffect(() => {
    if (top !== storedTop) setStoredTop(top);
  }, [top, storedTop]);

  const detail = detailId === null ? undefined : findings.find((f) => f.id === detailId);
  const lines = useMemo(() => (detail ? detailLines(detail, Math.max(10, width - 2)) : []), [detail, width]);
  const detailBody = lines.length > bodyHeight ? bodyHeight - 1 : bodyHeight;
  const maxDetailTop = Math.max(0, lines.length - detailBody);
  const mode = detail ? 'detail' : 'list';

  const selectGroup = (i: number) => {
    setChosenGroup(clampIndex(i, rows.length));
    setFindingIndex(0);
    setStoredTop(0);
  };
  const moveFinding = (to: number) => setFindingIndex(clampIndex(to, list.length));
  const scrollDetail = (to: number) => setDetailTop(Math.max(0, Math.min(maxDetailTop, to)));

  const copyFindings = (items: readonly Finding[]) => {
    const withFix = items.filter((f) => f.fix.length > 0);
    if (withFix.length === 0) {
      wizard.notify(items.length === 1 ? 'Nothing to copy: this finding needs no fix.' : 'Nothing to copy: no fixes in this group.', 'info');
      return;
    }
    const text = fixText(withFix);
    const result = copy(text);
    if (!result.ok) {
      wizard.notify(`Not copied: ${result.reason}`, 'warn');
      return;
    }
    const count = text.trimEnd().split('\n').length;
    wizard.notify(copySentNotice(`${count} line${count === 1 ? '' : 's'} of fix commands`, result.multiplexer), 'info');
  };

  const failures = useMemo(() => (checks.result?.findings ?? []).filter((f) => f.status === 'fail'), [checks.result]);
  /** This host, this kernel, these failures: an "I know" answer given for it is remembered. */
  const key = useMemo(() => gateKey(checks.engine === undefined ? hostname() : `${hostname()} engine ${checks.engine}`, checks.release, failures), [checks.engine, checks.release, failures]);
  /** Move on freely when nothing failed; otherwise ask (a confirmation holds for this run, or for good). */
  const leaveTo = (target: StepId) => {
    if (target === 'host') return;
    const finished = !checks.checking && checks.result !== null;
    if (finished && (checks.result!.counts.fail === 0 || confirmedRun === checks.run || memory?.accepted(key))) wizard.goTo(target);
    else setConfirming(target);
  };
  // A step asked for while the checks still ran: once they end, go on by itself when nothing failed
  // or the user already said "do not ask again" for these failures; otherwise the question stays.
  const checksFinished = !checks.checking && checks.result !== null;
  useEffect(() => {
    if (confirming === null || !checksFinished) return;
    if (checks.result!.counts.fail === 0 || memory?.accepted(key)) {
      setConfirming(null);
      wizard.goTo(confirming);
    }
  }, [confirming, checksFinished, checks.result, memory, key, wizard]);
  const guards = {
    'step.next': () => leaveTo(STEPS[1]!.id),
    'step.goto': (key: string) => {
      const step = stepByNumber(Number(key));
      if (step) leaveTo(step.id);
    },
    'host.rerun': () => checks.rerun(),
  };

  useCommands(
    'screen',
    {
      ...guards,
      'move.up': () => (pane === 'groups' ? selectGroup(gi - 1) : moveFinding(fi - 1)),
      'move.down': () => (pane === 'groups' ? selectGroup(gi + 1) : moveFinding(fi + 1)),
      'move.pageUp': () => (pane === 'groups' ? selectGroup(0) : moveFinding(fi - listRows)),
      'move.pageDown': () => (pane === 'groups' ? selectGroup(rows.length - 1) : moveFinding(fi + listRows)),
      'move.top': () => (pane === 'groups' ? selectGroup(0) : moveFinding(0)),
      'move.bottom': () => (pane === 'groups' ? selectGroup(rows.length - 1) : moveFinding(list.length - 1)),
      'pane.next': () => setPane((p) => (p === 'groups' ? 'findings' : 'groups')),
      'pane.prev': () => setPane((p) => (p === 'groups' ? 'findings' : 'groups')),
      'item.choose': () => {
        if (pane === 'groups') setPane('findings');
        else if (list[fi]) {
          setDetailId(list[fi]!.id);
          setDetailTop(0);
        }
      },
      'app.back': pane === 'findings' ? () => setPane('groups') : undefined,
      'host.problemsOnly': () => {
        setProblemsOnly((p) => !p);
        setFindingIndex(0);
        setStoredTop(0);
      },
      'action.copy': () => {
        if (pane === 'findings' && list[fi]) copyFindings([list[fi]!]);
        else copyFindings(list.filter((f) => f.status === 'fail' || f.status === 'warn'));
      },
    },
    { footer: LIST_FOOTER, active: mode === 'list' && confirming === null },
  );

  useCommands(
    'screen',
    {
      ...guards,
      'move.up': () => scrollDetail(detailTop - 1),
      'move.down': () => scrollDetail(detailTop + 1),
      'move.pageUp': () => scrollDetail(detailTop - detailBody),
      'move.pageDown': () => scrollDetail(detailTop + detailBody),
      'move.top': () => scrollDetail(0),
      'move.bottom': () => scrollDetail(maxDetailTop),
      'app.back': () => setDetailId(null),
      'item.choose': () => setDetailId(null),
      'action.copy': () => detail && copyFindings([detail]),
    },
    { footer: DETAIL_FOOTER, active: mode === 'detail' && confirming === null },
  );

  const target = confirming === null ? null : (STEPS.find((s) => s.id === confirming)?.title ?? confirming);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <SummaryLine result={checks.result} checking={checks.checking} elapsedMs={checks.elapsedMs} error={checks.error} engine={session.engine?.name ?? (session.ready ? null : (session.name ?? null))} width={width} />
      {confirming !== null && target !== null ? (
        <ConfirmNext
          target={target}
          failures={checks.checking || checks.result === null ? null : failures}
          impact={checks.result ? gateImpact(checks.result) : ''}
          width={width}
          onGo={(remember) => {
            setConfirming(null);
            if (!checks.checking) setConfirmedRun(checks.run);
            if (remember && !checks.checking) memory?.accept(key);
            wizard.goTo(confirming);
          }}
          canRemember={memory !== null && !checks.checking && checks.result !== null}
          onStay={() => setConfirming(null)}
        />
      ) : detail ? (
        <FindingDetail lines={lines} top={Math.min(detailTop, maxDetailTop)} width={width} height={bodyHeight} />
      ) : (
        <Box flexDirection="row" height={bodyHeight} width={width}>
          <GroupPane
            rows={checks.result === null ? PENDING_ROWS : rows}
            selected={checks.result === null ? -1 : gi}
            focused={pane === 'groups'}
            width={groupWidth}
            height={bodyHeight}
            pending={checks.result === null}
          />
          <Box width={1} flexShrink={0} />
          <FindingPane
            title={group ? GROUP_TITLES[group.group] : 'Checking'}
            findings={list}
            total={group ? findings.filter((f) => f.group === group.group).length : 0}
            selected={fi}
            top={top}
            focused={pane === 'findings'}
            problemsOnly={problemsOnly}
            width={width - groupWidth - 1}
            height={bodyHeight}
            pending={checks.result === null}
          />
        </Box>
      )}
    </Box>
  );
}
