// A log pane: a status line (title, follow or paused, position, search), then the window of lines.
// While focused it scrolls (End resumes follow), searches with / n N, wraps long lines or not (w),
// and offers save, pager and copy through the callbacks its owner gives (where the full log lives
// is the owner's business).
import React, { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import { OSC52_MAX_BASE64 } from '../../terminal/osc52.js';
import { useCommands, type CommandHandlers, type FooterItem } from '../../keys/key-router.js';
import { useLook } from '../../theme/theme-context.js';
import { Tone } from '../tone.js';
import { LogLines, type MatchStyles } from './log-lines.js';
import { findMatches, nextMatchIndex } from './log-search.js';
import type { LogTerminal } from './log-terminal.js';
import { TextInput } from '../text-input/text-input.js';
import { useLogScroll } from './use-log-scroll.js';

/** Terminal width while lines are not wrapped (longer lines still wrap there). */
const UNWRAPPED_COLS = 256;

/** Raw bytes that still fit the terminal clipboard once base64-encoded. */
const COPY_LIMIT_BYTES = Math.floor((OSC52_MAX_BASE64 / 4) * 3);

export interface LogViewProps {
  terminal: LogTerminal;
  title: string;
  width: number;
  height: number;
  focused: boolean;
  /** A short fact after the position (e.g. "waiting for build.log"). */
  status?: string | null;
  /** Said in the window while the log is empty. */
  emptyText?: string;
  /** Prefilled when `s` asks where to save; saving is offered only with onSave. */
  savePath?: string | null;
  onSave?: (path: string) => void;
  onPager?: () => void;
  /** Gets the whole log when it fits the clipboard, else the visible lines; `what` says which. */
  onCopy?: (text: string, what: string) => void;
  /** More pane commands while focused (e.g. back). */
  commands?: CommandHandlers;
  /** More footer entries (copy is left to the help: the footer must keep room for quit at 80 columns). */
  footer?: Array<string | FooterItem>;
}

type Prompt = { kind: 'search' } | { kind: 'save' } | null;

function useMatchStyles(): MatchStyles {
  const { theme, mono } = useLook();
  return useMemo(() => {
    const fg = theme.colors.match ?? undefined;
    const bg = theme.colors.matchBackground ?? undefined;
    if (mono || (!fg && !bg)) return { match: { inverse: true }, current: { inverse: true, bold: true, underline: true } };
    return { match: { fg, bg }, current: { fg, bg, bold: true, underline: true, inverse: true } };
  }, [theme, mono]);
}

/** A scrollable, searchable view of a LogTerminal. */
export function LogView(props: LogViewProps) {
  const { terminal, title, width, height, focused, status = null, emptyText = 'Nothing logged yet.' } = props;
  const { glyphs, mono } = useLook();
  const version = useSyncExternalStore(
    (l) => terminal.subscribe(l),
    () => terminal.version,
  );
  const bodyHeight = Math.max(1, height - 1);
  const scroll = useLogScroll(terminal, bodyHeight);
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<number | null>(null);
  const styles = useMatchStyles();

  const [wrap, setWrap] = useState(true);
  // Unwrapped, the terminal is wide enough for Portage's long lines and the view cuts them at the
  // pane's edge; xterm reflows either way, so toggling loses nothing.
  useEffect(() => terminal.resize(wrap ? width : Math.max(width, UNWRAPPED_COLS), bodyHeight), [terminal, width, bodyHeight, wrap]);
  useEffect(() => {
    setQuery('');
    setCurrent(null);
    setPrompt(null);
  }, [terminal]);

  const length = scroll.length;
  // `version` changes whenever the buffer does, so the matches follow new lines.
  const matches = useMemo(() => findMatches(query, length, (i) => terminal.lineText(i)), [query, length, terminal, version]);
  const currentMatch = current !== null ? (matches[current] ?? null) : null;

  const jump = (index: number | null) => {
    if (index === null) return;
    setCurrent(index);
    const m = matches[index];
    if (m) scroll.scrollTo(m.line - Math.floor(bodyHeight / 3));
  };

  const search = (text: string) => {
    setPrompt(null);
    setQuery(text);
    const found = findMatches(text, length, (i) => terminal.lineText(i));
    const index = nextMatchIndex(found, null, 1, scroll.top);
    setCurrent(index);
    const m = index === null ? undefined : found[index];
    if (m) scroll.scrollTo(m.line - Math.floor(bodyHeight / 3));
  };

  const copy = () => {
    if (!props.onCopy) return;
    const all = terminal.text();
    if (Buffer.byteLength(all, 'utf8') <= COPY_LIMIT_BYTES) {
      props.onCopy(all, `the whole log (${length} lines)`);
      return;
    }
    const visible = terminal.text(scroll.top, scroll.top + bodyHeight);
    props.onCopy(visible, `the ${Math.min(bodyHeight, length - scroll.top)} visible lines (the whole log is too long for the clipboard; s saves it)`);
  };

  const hasMatches = query !== '' && matches.length > 0;
  const handlers: CommandHandlers = {
    ...props.commands,
    'move.up': () => scroll.scrollBy(-1),
    'move.down': () => scroll.scrollBy(1),
    'move.pageUp': () => scroll.scrollBy(-(bodyHeight - 1)),
    'move.pageDown': () => scroll.scrollBy(bodyHeight - 1),
    'move.top': () => scroll.scrollTo(0),
    'move.bottom': () => scroll.toBottom(),
    'list.search': () => setPrompt({ kind: 'search' }),
    'list.nextMatch': hasMatches ? () => jump(nextMatchIndex(matches, current, 1, scroll.top)) : undefined,
    'list.prevMatch': hasMatches ? () => jump(nextMatchIndex(matches, current, -1, scroll.top)) : undefined,
    'action.save': props.onSave ? () => setPrompt({ kind: 'save' }) : undefined,
    'action.pager': props.onPager,
    'action.copy': props.onCopy ? copy : undefined,
    'action.wrap': () => setWrap((w) => !w),
  };
  const footer: Array<string | FooterItem> = [
    'list.search',
    ...(hasMatches ? [{ keys: 'n/N', label: 'match' }] : []),
    ...(props.onSave ? ['action.save'] : []),
    ...(props.onPager ? ['action.pager'] : []),
    ...(scroll.follow ? [] : [{ keys: 'End', label: 'follow' }]),
    ...(props.footer ?? []),
  ];
  useCommands('pane', handlers, { footer, active: focused && prompt === null });

  const end = Math.min(length, scroll.top + bodyHeight);
  const position = length === 0 ? 'empty' : `${scroll.top + 1}-${end}/${length}`;
  const searchInfo = query === '' ? '' : matches.length === 0 ? `  /${query}: no match` : `  /${query} ${current === null ? '-' : current + 1}/${matches.length}`;
  const right = `${scroll.follow ? 'follow' : 'paused'}${wrap ? '' : ' nowrap'}  ${position}${searchInfo}${status ? `  ${status}` : ''}`;
  // The title keeps at least half the line; the facts after it give way first.
  const titleRoom = Math.max(Math.floor(width / 2), width - right.length - 4);
  const shownTitle = title.length > titleRoom ? `${title.slice(0, titleRoom - 1)}${glyphs.ellipsis}` : title;

  return (
    <Box flexDirection="column" width={width} height={height}>
      {prompt ? (
        <TextInput
          compact
          label={prompt.kind === 'search' ? '/' : 'Save to:'}
          initial={prompt.kind === 'save' ? (props.savePath ?? '') : ''}
          width={width}
          onSubmit={(text) => {
            if (prompt.kind === 'search') search(text);
            else {
              setPrompt(null);
              if (text.trim() !== '') props.onSave?.(text.trim());
            }
          }}
          onCancel={() => setPrompt(null)}
        />
      ) : (
        <Box height={1} width={width}>
          <Box flexShrink={0}>
            <Text bold={focused}>{focused ? glyphs.focus : glyphs.unfocused} </Text>
            <Tone tone="title" bold={focused} underline={focused}>
              {shownTitle}
            </Tone>
            <Text>  </Text>
          </Box>
          <Tone tone="muted" wrap="truncate-end">
            {right}
          </Tone>
        </Box>
      )}
      {length === 0 ? (
        <Box height={bodyHeight} width={width}>
          <Tone tone="muted" wrap="wrap">
            {emptyText}
          </Tone>
        </Box>
      ) : (
        <LogLines terminal={terminal} top={scroll.top} height={bodyHeight} width={width} mono={mono} matches={matches} current={currentMatch} styles={styles} />
      )}
    </Box>
  );
}
