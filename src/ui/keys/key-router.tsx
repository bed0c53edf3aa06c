// One useInput for the whole app. Components register command handlers on a layer; a key goes to
// the highest layer first (modal > pane > screen > global), newest registration first within a layer.
// A modal swallows every key it does not handle, so nothing underneath reacts while it is open.
import React, { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useInput } from 'ink';
import type { CommandId } from '../app/keymap.js';
import { GLOBAL_KEYS } from './global-keys.js';
import { charKeyName, keyName } from './key-name.js';
import { makeKeymap, type Keymap } from './keymap.js';

export type Layer = 'modal' | 'pane' | 'screen' | 'global';

/** The key name raw handlers get for pasted text; the text itself is `input`. */
const PASTE = 'paste';
/** Turns of the event loop a queued key waits after the one before it: at least, and at most. */
const MIN_TURNS = 2;
const MAX_TURNS = 8;
const PRIORITY: Record<Layer, number> = { modal: 3, pane: 2, screen: 1, global: 0 };

export type CommandHandlers = Partial<Record<CommandId, (key: string) => void>>;
/** Gets every key first (text fields); return true when it consumed the key. */
export type RawHandler = (key: string, input: string) => boolean;

export interface FooterItem {
  keys: string;
  label: string;
}

interface Registration {
  id: number;
  layer: Layer;
  handlers: { current: CommandHandlers };
  raw: { current: RawHandler | undefined };
  footer: { current: Array<string | FooterItem> | undefined };
}

interface RouterApi {
  register(reg: Omit<Registration, 'id'>): () => void;
  /** A registration's footer changed: redraw the footer. */
  touch(): void;
  /** Registrations that currently receive keys, top first (everything under a modal is cut off). */
  reachable(): Registration[];
  version: number;
  keymap: Keymap;
}

const RouterContext = createContext<RouterApi | null>(null);

export interface KeyRouterProps {
  children: React.ReactNode;
  /** Sees every key before dispatch (the shell clears its message line here). */
  onKey?: (key: string) => void;
  onUnhandled?: (key: string) => void;
  /** The bindings keys are looked up in; without one, the global keys only (components on their own). */
  keymap?: Keymap;
}

const GLOBAL_KEYMAP = makeKeymap(GLOBAL_KEYS);

export function KeyRouterProvider({ children, onKey, onUnhandled, keymap = GLOBAL_KEYMAP }: KeyRouterProps) {
  const regs = useRef(new Map<number, Registration>());
  const nextId = useRef(1);
  /** Counts registrations and removals: the key queue waits while they still change. */
  const changes = useRef(0);
  const [version, setVersion] = useState(0);

  const ordered = useCallback((): Registration[] => {
    const all = [...regs.current.values()].sort((a, b) => PRIORITY[b.layer] - PRIORITY[a.layer] || b.id - a.id);
    const cut = all.findIndex((r) => r.layer === 'modal');
    return cut === -1 ? all : all.filter((r) => r.layer === 'modal' && r.id === all[cut]?.id);
  }, []);

  const register = useCallback((reg: Omit<Registration, 'id'>) => {
    const id = nextId.current++;
    regs.current.set(id, { ...reg, id });
    changes.current++;
    setVersion((v) => v + 1);
    return () => {
      regs.current.delete(id);
      changes.current++;
      setVersion((v) => v + 1);
    };
  }, []);

  const dispatch = useCallback(
    (name: string, input: string): boolean => {
      onKey?.(name);
      const commands = keymap.commandsForKey(name) as readonly CommandId[];
      for (const reg of ordered()) {
        if (reg.raw.current?.(name, input)) return true;
        for (const command of commands) {
          const handler = reg.handlers.current[command];
          if (handler) {
            handler(name);
            return true;
          }
        }
        if (reg.layer === 'modal') return true;
      }
      onUnhandled?.(name);
      return false;
    },
    [ordered, onKey, onUnhandled, keymap],
  );

  // Keys wait their turn: Ink hands over every key of one read in the same tick (tmux send-keys,
  // SSH coalescing keystrokes, arrows between letters, text typed ahead of a field that is opening),
  // and a handler must see the state the key before it left. React draws from setImmediate and runs
  // the effects that register what a key opened a turn later, so the next key waits two turns of
  // the event loop, and longer while registrations still change (a few turns at most).
  const queue = useRef<Array<() => void>>([]);
  const busy = useRef(false);
  const drain = useCallback(() => {
    const job = queue.current.shift();
    if (job === undefined) {
      busy.current = false;
      return;
    }
    busy.current = true;
    let turns = 0;
    let seen = changes.current;
    const turn = () =>
      setImmediate(() =>
        setTimeout(() => {
          turns++;
          const changed = changes.current !== seen;
          seen = changes.current;
          if (turns < MIN_TURNS || (changed && turns < MAX_TURNS)) turn();
          else drain();
        }, 0),
      );
    try {
      job();
    } finally {
      turn();
    }
  }, []);
  const enqueue = useCallback(
    (jobs: Array<() => void>) => {
      queue.current.push(...jobs);
      if (!busy.current) drain();
    },
    [drain],
  );

  useInput(
    useCallback(
      (input, key) => {
        const name = keyName(input, key);
        if (name !== null) {
          enqueue([() => dispatch(name, input)]);
          return;
        }
        if (input.length <= 1 || key.ctrl || input.includes('\x1b')) return;
        // Several characters in one read: a paste, or keys sent in a burst (tmux send-keys j j Tab).
        // Printable text goes whole to a text field that wants it; otherwise each character is a key.
        const keys = [...input].map(charKeyName).filter((k): k is string => k !== null);
        const pasteable = !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(input) && !/^[\t\r\n]+$/.test(input);
        enqueue([
          () => {
            if (pasteable && ordered().some((reg) => reg.raw.current?.(PASTE, input))) return;
            // The burst's keys go before anything queued after it, the first one now.
            const [first, ...rest] = keys.map((k) => () => dispatch(k, k.length === 1 ? k : ''));
            queue.current.unshift(...rest);
            first?.();
          },
        ]);
      },
      [dispatch, ordered, enqueue],
    ),
  );

  const touch = useCallback(() => setVersion((v) => v + 1), []);
  const api = useMemo<RouterApi>(() => ({ register, touch, reachable: ordered, version, keymap }), [register, touch, ordered, version, keymap]);
  return <RouterContext.Provider value={api}>{children}</RouterContext.Provider>;
}

function useRouter(): RouterApi {
  const api = useContext(RouterContext);
  if (!api) throw new Error('useCommands needs a KeyRouterProvider above it');
  return api;
}

export interface UseCommandsOptions {
  active?: boolean;
  raw?: RawHandler;
  /** What this registration shows in the footer: command ids or custom items; default: every handled command. */
  footer?: Array<string | FooterItem>;
}

/** Handle keymap commands while mounted (and active). Handlers may change every render. */
export function useCommands(layer: Layer, handlers: CommandHandlers, options: UseCommandsOptions = {}): void {
  const { register, touch } = useRouter();
  const active = options.active ?? true;
  const handlersRef = useRef(handlers);
  const rawRef = useRef(options.raw);
  const footerRef = useRef(options.footer);
  handlersRef.current = handlers;
  rawRef.current = options.raw;
  footerRef.current = options.footer;
  useEffect(() => {
    if (!active) return undefined;
    return register({ layer, handlers: handlersRef, raw: rawRef, footer: footerRef });
  }, [register, layer, active]);
  // Handlers and footers may change without a new registration (a list enters filter mode): the
  // footer follows what is shown, not only what is registered.
  const footerKey = JSON.stringify(options.footer ?? handledIds(handlers));
  const firstFooter = useRef(true);
  useEffect(() => {
    if (firstFooter.current) {
      firstFooter.current = false;
      return;
    }
    if (active) touch();
  }, [footerKey, active, touch]);
}

/** The keymap the router looks keys up in (the footer and the help read their words from it). */
export function useKeymap(): Keymap {
  return useRouter().keymap;
}

function handledIds(handlers: CommandHandlers): CommandId[] {
  return (Object.keys(handlers) as CommandId[]).filter((k) => handlers[k]);
}

/** The footer entries of every registration that currently receives keys, top layer first. */
export function useActiveFooter(always: readonly CommandId[] = []): Array<string | FooterItem> {
  const api = useRouter();
  // `version` changes whenever registrations change, so the footer follows mounts and unmounts.
  return useMemo(() => {
    const seen = new Set<string>();
    const items: Array<string | FooterItem> = [];
    const reachable = api.reachable();
    for (const reg of reachable) {
      const entries = reg.footer.current ?? handledIds(reg.handlers.current);
      for (const entry of entries) {
        const key = typeof entry === 'string' ? entry : `${entry.keys} ${entry.label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        items.push(entry);
      }
    }
    // Keys that always work (help, quit) show from the very first frame, before any screen has
    // registered, unless a modal has taken the keyboard.
    if (!reachable.some((r) => r.layer === 'modal')) for (const id of always) if (!seen.has(id)) items.push(id);
    return items;
  }, [api, api.version, always]);
}
