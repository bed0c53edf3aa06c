// Step 2, Base: the official stage3 catalogue (marked present or not), local images, the
// Portage tree source and, when engines are configured, the engine every step uses, in sections (Tab). Enter uses the selection (pulling first when it is
// missing), p pulls, i imports a tarball, t types a (dated) stage3 tag. The chosen base is read
// from a probe container and its profile, CHOST, Portage version and package count shown.
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { lastWeeklyDate, STAGE3_ARCHES, stage3ArchOf, stage3Catalogue, type Stage3Arch } from '../../../core/base/stage3-catalogue.js';
import { markPresence, type CatalogueRow } from '../../../core/base/stage3-presence.js';
import type { PortageSource } from '../../../core/recipe/recipe-schema.js';
import { useWizard } from '../../app/wizard-context.js';
import { ListView } from '../../components/list/list-view.js';
import { useList } from '../../components/list/use-list.js';
import { Tone } from '../../components/tone.js';
import { WrappedText } from '../../components/wrapped-text.js';
import { useCommands, type FooterItem } from '../../keys/key-router.js';
import { useContentSize } from '../../layout/content-size.js';
import { useWorkbench } from '../../session/workbench-context.js';
import { BaseFacts } from './base-facts.js';
import { catalogueDetail, DEFAULT_SNAPSHOT, localDetail, localRows, sectionsFor, treeDetail, treeRows, treeText, type LocalRow, type Section, type TreeRow } from './base-items.js';
import { BasePrompt, PROMPT_ROWS, type Prompt } from './base-prompt.js';
import { CatalogueItem, EngineItem, LocalItem, TreeItem } from './base-rows.js';
import { engineDetail, type EngineRow } from './engine-items.js';
import { useEngineList } from './use-engine-list.js';
import { useLook } from '../../theme/theme-context.js';
import { useBaseServices } from './base-context.js';
import { FailureView, registryDown } from './failure-view.js';
import { OperationView } from './operation-view.js';
import { SectionTabs } from './section-tabs.js';
import { useBaseChoice } from './use-base-choice.js';
import { useLocalImages } from './use-local-images.js';
import { useOperation } from './use-operation.js';

const SCREEN_FOOTER: Array<string | FooterItem> = ['base.pull', 'base.import', 'base.dated', { keys: 'Tab', label: 'section' }];
// On the Engine section r asks the engines again; pulling and importing are about images.
const ENGINE_FOOTER: Array<string | FooterItem> = [{ keys: 'r', label: 'ask again' }, { keys: 'Tab', label: 'section' }];
const DEFAULT_TREE: PortageSource = { source: 'snapshot', image: DEFAULT_SNAPSHOT };

/** The Base screen. */
export function BaseScreen() {
  const { width, height } = useContentSize();
  const wizard = useWizard();
  const services = useBaseServices();
  const engine = useWorkbench((s) => s.engine);
  const recipe = useWorkbench((s) => s.recipe.doc);
  const connection = engine.status === 'ready' ? engine.connection : null;
  const local = useLocalImages(services, connection);
  const ops = useOperation(services);
  const engines = useEngineList(wizard.notify);
  const { glyphs } = useLook();
  const sections = sectionsFor(engines.rows !== null);

  const [section, setSection] = useState<Section>('catalogue');
  const [archChoice, setArchChoice] = useState<Stage3Arch | null>(null);
  const [localTree, setLocalTree] = useState<PortageSource>(DEFAULT_TREE);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const tree = recipe?.portage ?? localTree;
  const choice = useBaseChoice(services, tree, connection);
  const arch = archChoice ?? stage3ArchOf(connection?.info.arch ?? '') ?? 'amd64';

  const refs = useMemo(() => (local.images ?? []).flatMap((i) => i.tags), [local.images]);
  const catalogue = useMemo(() => markPresence(stage3Catalogue(arch), refs), [arch, refs]);
  const locals = useMemo(() => localRows(local.images ?? []), [local.images]);
  const trees = useMemo(() => treeRows(local.snapshots), [local.snapshots]);
  const tagWidth = useMemo(() => Math.max(...catalogue.map((r) => r.tag.length)) + 1, [catalogue]);
  // Names up to 16 columns line up; a longer one is cut (the detail pane has it whole).
  const engineNameWidth = useMemo(() => Math.min(16, Math.max(5, ...(engines.rows ?? []).map((r) => r.name.length))), [engines.rows]);

  const leftWidth = Math.max(40, Math.floor(width * 0.55));
  const rightWidth = width - leftWidth - 1;
  const bodyHeight = Math.max(3, height - 2);
  const listHeight = Math.max(1, bodyHeight - 1 - (prompt ? PROMPT_ROWS : 0));
  const busy = ops.current !== null;

  const needEngine = (): typeof connection => {
    if (!connection) wizard.notify(engine.status === 'failed' ? `No engine: ${engine.message}` : 'Still connecting to the engine…', 'warn');
    return connection;
  };
  const useBase = (ref: string) => {
    const c = needEngine();
    if (!c) return;
    void choice.chooseBase(c, ref);
    wizard.notify(`Base: ${ref}${recipe ? '' : ' (a new recipe was started)'}`, 'pass');
  };
  const pullThen = (ref: string, then?: () => void) => {
    const c = needEngine();
    if (!c) return;
    void ops.pull(c, ref).then(async (failed) => {
      if (failed) {
        if (failed.message !== 'cancelled') wizard.notify(registryDown(failed) ? `No registry answered (pull ${ref}); i imports a tarball` : `Pull failed: ${failed.message}`, 'fail');
        return;
      }
      await local.refresh();
      wizard.notify(`Pulled ${ref}`, 'pass');
      then?.();
    });
  };
  const pickTree = (source: PortageSource) => {
    setLocalTree(source);
    choice.chooseTree(connection, source);
    wizard.notify(`Portage tree: ${treeText(source)}`, 'pass');
  };

  const listOptions = { height: listHeight, labels: { choose: 'use' }, footer: SCREEN_FOOTER };
  const engineList = useList<EngineRow>(engines.rows ?? [], {
    ...listOptions,
    footer: ENGINE_FOOTER,
    active: section === 'engine' && !busy && prompt === null,
    searchText: (r) => r.name,
    onChoose: (r) => engines.choose(r),
  });
  const catalogueList = useList<CatalogueRow>(catalogue, {
    ...listOptions,
    active: section === 'catalogue' && !busy && prompt === null,
    searchText: (r) => `${r.tag} ${r.summary}`,
    onChoose: (r) => (r.present ? useBase(r.ref) : pullThen(r.ref, () => useBase(r.ref))),
  });
  const localList = useList<LocalRow>(locals, {
    ...listOptions,
    active: section === 'local' && !busy && prompt === null,
    searchText: (r) => r.ref,
    onChoose: (r) => useBase(r.ref),
  });
  const treeList = useList<TreeRow>(trees, {
    ...listOptions,
    active: section === 'tree' && !busy && prompt === null,
    searchText: (r) => (r.kind === 'snapshot' ? r.ref : r.kind),
    onChoose: (r) => {
      if (r.kind === 'snapshot') pickTree({ source: 'snapshot', image: r.ref });
      else if (r.kind === 'host') setPrompt({ kind: 'host-path', initial: tree.source === 'host' ? tree.path : '/var/db/repos/gentoo' });
      else pickTree({ source: 'base' });
    },
  });

  const cycle = (delta: number) => setSection((s) => sections[(sections.indexOf(s) + delta + sections.length) % sections.length]!);
  useCommands(
    'screen',
    {
      'pane.next': () => cycle(1),
      'pane.prev': () => cycle(-1),
      'base.pull': () => {
        if (section === 'catalogue' && catalogueList.selectedItem) pullThen(catalogueList.selectedItem.ref);
        else if (section === 'local' && localList.selectedItem) pullThen(localList.selectedItem.ref);
        else if (section === 'tree' && treeList.selectedItem?.kind === 'snapshot') pullThen(treeList.selectedItem.ref);
        else wizard.notify('Nothing to pull here: choose a catalogue tag or a snapshot image', 'info');
      },
      'base.import': () => setPrompt({ kind: 'import-path' }),
      'base.dated': () => setPrompt({ kind: 'dated', initial: `${catalogueList.selectedItem?.tag ?? `${arch}-openrc`}-${lastWeeklyDate(new Date())}` }),
      'base.arch': () => setArchChoice(STAGE3_ARCHES[(STAGE3_ARCHES.indexOf(arch) + 1) % STAGE3_ARCHES.length]!),
      'base.refresh': () => (section === 'engine' ? engines.refresh() : void local.refresh()),
    },
    { active: !busy && prompt === null, footer: [] },
  );
  useCommands('screen', { 'app.back': ops.cancel }, { active: busy, footer: [{ keys: 'Esc', label: 'cancel' }] });

  const onPrompt = (p: Prompt, value: string) => {
    setPrompt(null);
    if (p.kind === 'import-path') setPrompt({ kind: 'import-tag', file: value });
    else if (p.kind === 'host-path') pickTree({ source: 'host', path: value });
    else if (p.kind === 'dated') {
      const ref = `gentoo/stage3:${value}`;
      if (refs.includes(ref)) useBase(ref);
      else pullThen(ref, () => useBase(ref));
    } else {
      const c = needEngine();
      if (!c) return;
      void ops.importTarball(c, p.file, value).then(async (result) => {
        if (!result) return;
        await local.refresh();
        setSection('local');
        localList.clearFilter();
        wizard.notify(`Imported ${p.file} as ${value}; Enter uses it`, 'pass');
      });
    }
  };

  const titles = [`Catalogue (${arch})`, `Local images (${locals.length})`, 'Tree source', ...(engines.rows ? [`Engine: ${clip(engines.current, 14, glyphs.ellipsis)}`] : [])];
  const detail: string[] =
    section === 'catalogue' && catalogueList.selectedItem ? catalogueDetail(catalogueList.selectedItem, arch, new Date())
      : section === 'local' && localList.selectedItem ? localDetail(localList.selectedItem)
        : section === 'tree' && treeList.selectedItem ? treeDetail(treeList.selectedItem)
          : section === 'engine' && engineList.selectedItem ? engineDetail(engineList.selectedItem, engineList.selectedItem.name === engines.current, glyphs)
            : [];
  const failedLine = engine.status !== 'failed' ? '' : engines.rows ? `engine ${engines.current} does not answer: ${engine.message} (the Engine section picks another)` : `no engine: ${engine.message}`;
  const engineLine = engine.status === 'connecting' ? 'connecting to the engine…' : engine.status === 'failed' ? failedLine : local.error ?? (local.loading && !local.images ? 'listing images…' : null);

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1} width={width} overflow="hidden">
        <Text wrap="truncate-end">
          <Text bold>{`Base ${recipe?.base.image ?? 'not chosen'}`}</Text>
          {` · tree: ${treeText(tree)}`}
        </Text>
      </Box>
      <SectionTabs titles={titles} current={sections.indexOf(section)} width={width} />
      <Box flexDirection="row" height={bodyHeight} width={width}>
        <Box flexDirection="column" width={leftWidth} flexShrink={0}>
          {section === 'catalogue' ? (
            <ListView list={catalogueList} width={leftWidth} focused renderItem={(r, ctx) => <CatalogueItem row={r} ctx={ctx} tagWidth={tagWidth} />} />
          ) : section === 'local' ? (
            <ListView list={localList} width={leftWidth} focused renderItem={(r, ctx) => <LocalItem row={r} ctx={ctx} />} empty={engineLine ?? 'No tagged images on this engine.'} />
          ) : section === 'tree' ? (
            <ListView list={treeList} width={leftWidth} focused renderItem={(r, ctx) => <TreeItem row={r} source={tree} ctx={ctx} />} />
          ) : (
            <ListView list={engineList} width={leftWidth} focused renderItem={(r, ctx) => <EngineItem row={r} current={r.name === engines.current} switching={r.name === engines.switching} nameWidth={engineNameWidth} ctx={ctx} />} />
          )}
          {prompt ? <BasePrompt prompt={prompt} width={leftWidth} tarballProblem={services.tarballProblem} onSubmit={onPrompt} onCancel={() => setPrompt(null)} /> : null}
        </Box>
        <Box width={1} flexShrink={0} />
        <Box flexDirection="column" width={rightWidth} height={bodyHeight} overflow="hidden">
          {ops.current ? (
            <OperationView operation={ops.current} width={rightWidth} height={bodyHeight} />
          ) : (
            <>
              {/* Nothing here may shrink: the pane clips at the bottom, never squeezes a line away. */}
              {detail.map((line, i) => (i === 0 ? (
                <Box key={i} flexShrink={0} width={rightWidth}>
                  <Text wrap="truncate-middle" bold>{line || ' '}</Text>
                </Box>
              ) : (
                // Wrapped at spaces with no space left at a row's start (Ink's own wrap keeps it).
                <WrappedText key={i} text={line || ' '} width={rightWidth} />
              )))}
              {ops.failure ? <FailureView failure={ops.failure} width={rightWidth} /> : null}
              {engineLine && section !== 'local' ? (
                <Box flexShrink={0} width={rightWidth}>
                  <Tone tone="warn" wrap="wrap">{engineLine}</Tone>
                </Box>
              ) : null}
              <Box marginTop={1} flexDirection="column" flexShrink={0}>
                <BaseFacts state={choice.facts} width={rightWidth} />
              </Box>
            </>
          )}
        </Box>
      </Box>
    </Box>
  );
}

/** `text` cut to `max` columns with an ellipsis. */
function clip(text: string, max: number, ellipsis: string): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}${ellipsis}`;
}
