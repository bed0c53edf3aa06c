// Step 6, Result: where every megabyte of the image comes from. Tabs Summary · Layers · Packages ·
// Directories · Diff over one inspection of the image the last build made (or one picked with i);
// t tags, e exports (with the recipe, a Dockerfile and an SBOM beside the archive), f exports
// flattened; progress with bytes/s, Esc cancels.
import React, { useCallback, useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { Tone } from '../../components/tone.js';
import { TextInput } from '../../components/text-input/text-input.js';
import { useWizard } from '../../app/wizard-context.js';
import { useCommands, type FooterItem } from '../../keys/key-router.js';
import { useContentSize } from '../../layout/content-size.js';
import { useWorkbench } from '../../session/workbench-context.js';
import { DetailView } from './detail-view.js';
import { DiffTab } from './diff-tab.js';
import { DirTab } from './dirs/dir-tab.js';
import { archiveNameProblem, defaultArchiveName, exportRequestFor, tagsFrom, tagsProblem } from './export-plan.js';
import { bytes } from './format.js';
import { HeaderLine } from './header-line.js';
import { ImagePicker } from './image-picker.js';
import { LayersTab } from './layers-tab.js';
import { PackagesTab } from './packages-tab.js';
import { useResultServices } from './result-context.js';
import { summaryLines } from './summary-lines.js';
import { TabBar, TABS } from './tab-bar.js';
import { useAction } from './use-action.js';
import { nextDiffTarget, useDiff } from './use-diff.js';
import { useInspection } from './use-inspection.js';
import { useLook } from '../../theme/theme-context.js';
import { shortId } from '../../../core/format/short-id.js';

type Prompt = 'tag' | 'export' | 'flatten';
type Picking = null | 'inspect' | 'diff';

const SCREEN_FOOTER: Array<string | FooterItem> = [{ keys: 'Tab', label: 'tabs' }, 'result.tag', 'result.export', 'result.flatten', 'result.image'];

/** The Result screen. */
export function ResultScreen() {
  const { width, height } = useContentSize();
  const wizard = useWizard();
  const { glyphs } = useLook();
  const engine = useWorkbench((s) => s.engine);
  const lastImage = useWorkbench((s) => s.lastImage);
  const openRecipe = useWorkbench((s) => s.recipe.path);
  const { services, memory } = useResultServices();
  const connection = engine.status === 'ready' ? engine.connection : null;
  const [ref, setRef] = useState<string | null>(() => memory.last?.inspection.image.id ?? lastImage?.id ?? null);
  const [picking, setPicking] = useState<Picking>(null);
  const [tab, setTab] = useState(0);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const inspection = useInspection(connection, ref, services, memory);
  const inspected = inspection.status === 'ready' ? inspection.inspected : null;
  const diff = useDiff(connection, inspected, tab === 4, services);
  const report = useCallback((text: string, tone: 'pass' | 'fail' | 'warn') => wizard.notify(text, tone), [wizard]);
  const action = useAction(report);

  // A build that finishes while the screen is open brings its image in (unless one was picked).
  const [followsBuild, setFollowsBuild] = useState(true);
  useEffect(() => {
    if (followsBuild && lastImage && lastImage.id !== ref) setRef(lastImage.id);
  }, [lastImage, followsBuild, ref]);

  const showPicker = picking !== null || (ref === null && connection !== null);
  const tabsActive = inspected !== null && !showPicker && prompt === null;

  const runTag = (value: string) => {
    setPrompt(null);
    if (!inspected || !connection) return;
    const tags = tagsFrom(value);
    const id = inspected.inspection.image.id;
    action.start(`tag ${tags.join(', ')}`, async () => {
      for (const t of tags) await services.tag(connection, id, t);
      return `tagged ${shortId(id)} as ${tags.join(', ')}`;
    });
  };
  const runExport = (value: string, flatten: boolean) => {
    setPrompt(null);
    if (!inspected || !connection) return;
    const request = exportRequestFor(value, { flatten, hasBuild: inspected.build?.recipe != null });
    const id = inspected.inspection.image.id;
    action.start(`export to ${request.output}`, async (ctx) => {
      // The engine does not say how long the archive will be; the image size is a close estimate.
      const estimate = inspected.inspection.size;
      const out = await services.exportImage(connection, id, request, { signal: ctx.signal, onStep: ctx.step, onProgress: (p) => ctx.progress({ bytes: p.bytes, totalBytes: p.totalBytes ?? estimate }) });
      const beside = out.extras.map((e) => e.file.split('/').pop()).join(', ');
      return `wrote ${out.file} (${bytes(out.fileBytes)}, ${flatten ? 'one layer' : `${out.layers} layers`})${beside ? ` + ${beside}` : ''}`;
    });
  };

  // One registration per situation, each with a fixed footer: the footer follows registrations, so
  // switching between them (not changing one) keeps it right.
  const idle = action.running === null;
  const nextTab = () => setTab((t) => (t + 1) % TABS.length);
  const prevTab = () => setTab((t) => (t + TABS.length - 1) % TABS.length);
  useCommands(
    'screen',
    {
      'pane.next': nextTab,
      'pane.prev': prevTab,
      'result.tag': () => setPrompt('tag'),
      'result.export': () => setPrompt('export'),
      'result.flatten': () => setPrompt('flatten'),
      'result.image': () => setPicking('inspect'),
      'result.reload': () => inspection.reload(),
    },
    { active: tabsActive && idle, footer: SCREEN_FOOTER },
  );
  useCommands(
    'screen',
    {
      'result.diffWith': () => {
        const next = nextDiffTarget(diff.target);
        if (next === 'pick') setPicking('diff');
        else diff.setTarget({ kind: next });
      },
    },
    { active: tabsActive && idle && tab === 4, footer: ['result.diffWith'] },
  );
  // While an action runs, cancelling it comes before anything a pane offers (pane layer, newest first).
  useCommands('pane', { 'app.back': action.cancel, 'pane.next': nextTab, 'pane.prev': prevTab }, { active: !idle, footer: [{ keys: 'Esc', label: 'cancel' }, { keys: 'Tab', label: 'tabs' }] });
  const stuck = connection !== null && !showPicker && !tabsActive && idle && prompt === null;
  useCommands('screen', { 'result.reload': () => inspection.reload(), 'result.image': () => setPicking('inspect') }, { active: stuck && inspection.status === 'failed', footer: ['result.reload', 'result.image'] });
  useCommands('screen', { 'result.image': () => setPicking('inspect') }, { active: stuck && inspection.status !== 'failed', footer: ['result.image'] });

  const bottomRows = prompt ? 3 : action.running ? 1 : 0;
  const bodyHeight = Math.max(3, height - 2 - bottomRows);
  const tabFooter: Array<string | FooterItem> = [];

  let body: React.ReactNode;
  if (engine.status === 'connecting') body = <Tone tone="muted">Connecting to the engine…</Tone>;
  else if (engine.status === 'failed') body = <Tone tone="fail" wrap="wrap">{`No engine: ${engine.message} (${engine.hint})`}</Tone>;
  else if (showPicker) {
    body = (
      <ImagePicker
        connection={engine.connection}
        services={services}
        width={width}
        height={height - bottomRows}
        onPick={(image) => {
          if (picking === 'diff') diff.setTarget({ kind: 'image', ref: image.id });
          else {
            setFollowsBuild(false);
            setRef(image.id);
          }
          setPicking(null);
        }}
        onCancel={ref !== null ? () => setPicking(null) : null}
      />
    );
  } else if (inspection.status === 'loading' || inspection.status === 'none') {
    body = (
      <Box flexDirection="column">
        <Text wrap="truncate-end">{`Reading ${inspection.status === 'loading' ? inspection.ref : ref ?? ''}: every layer, its files and the package database${glyphs.ellipsis}`}</Text>
        <Tone tone="muted">{inspection.status === 'loading' ? inspection.progress || ' ' : ' '}</Tone>
      </Box>
    );
  } else if (inspection.status === 'failed') {
    body = (
      <Box flexDirection="column">
        <Tone tone="fail" wrap="wrap">{`Cannot inspect ${inspection.ref}: ${inspection.message}`}</Tone>
        <Tone tone="muted">r reads it again; i picks another image.</Tone>
      </Box>
    );
  } else {
    const ins = inspection.inspected.inspection;
    const common = { width, height: bodyHeight, active: tabsActive, footer: tabFooter };
    body = (
      <Box flexDirection="column" width={width}>
        <TabBar current={tab} width={width} hint="" />
        <HeaderLine inspection={ins} width={width} />
        <Box height={bodyHeight} flexDirection="column" overflow="hidden">
          {tab === 0 ? <SummaryTab key={ins.image.id} lines={summaryLines(ins, inspection.inspected.notes, width, glyphs)} width={width} height={bodyHeight} active={tabsActive} /> : null}
          {tab === 1 ? <LayersTab key={ins.image.id} inspection={ins} {...common} /> : null}
          {tab === 2 ? <PackagesTab key={ins.image.id} inspection={ins} {...common} /> : null}
          {tab === 3 ? <DirTab key={ins.image.id} root={ins.tree} {...common} /> : null}
          {tab === 4 ? <DiffTab key={ins.image.id} state={diff.state} {...common} /> : null}
        </Box>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="column" height={height - bottomRows} overflow="hidden">
        {body}
      </Box>
      {prompt === 'tag' ? (
        <TextInput label="Tag as" width={width} validate={tagsProblem} hint="NAME[:TAG], several separated by spaces" submitLabel="tag" onSubmit={runTag} onCancel={() => setPrompt(null)} />
      ) : null}
      {prompt === 'export' || prompt === 'flatten' ? (
        <TextInput
          label={prompt === 'flatten' ? 'Export flattened to' : 'Export to'}
          initial={defaultArchiveName(inspected?.inspection.image.tags[0], inspected?.inspection.image.id ?? '', prompt === 'flatten')}
          width={width}
          validate={(v) => archiveNameProblem(v, { openRecipe, hasBuild: inspected?.build?.recipe != null })}
          hint={`.tar / .tar.gz / .tar.zst; beside it: ${inspected?.build?.recipe ? 'recipe, Dockerfile, ' : ''}SBOM (CycloneDX)`}
          submitLabel="export"
          onSubmit={(v) => runExport(v, prompt === 'flatten')}
          onCancel={() => setPrompt(null)}
        />
      ) : null}
      {action.running && !prompt ? (
        <Box height={1} width={width} overflow="hidden">
          <Tone tone="info">{`${action.running.label}${glyphs.ellipsis} `}</Tone>
          <Text wrap="truncate-end">{`${action.running.progress}  (Esc cancels)`}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

function SummaryTab({ lines, width, height, active }: { lines: ReturnType<typeof summaryLines>; width: number; height: number; active: boolean }) {
  if (!active) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {lines.slice(0, height).map((l, i) => (
          <Box key={i} height={1} width={width} overflow="hidden">
            <Tone tone={l.tone} bold={l.bold}>{l.text || ' '}</Tone>
          </Box>
        ))}
      </Box>
    );
  }
  return <DetailView lines={lines} width={width} height={height} />;
}
