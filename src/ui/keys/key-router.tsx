// One useInput for the whole app. Components register command handlers on a layer; a key goes to
// the highest layer first (modal > pane > screen > global), newest registration first within a layer.
// A modal swallows every key it does not handle, so nothing underneath reacts while it is open.
import React, { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useInput } from 'ink';
import { commandsForKey } from '../keymap.js';
import { keyName } from './key-name.js';

export type Layer = 'modal' | 'pane' | 'screen' | 'global';

/** The key name raw handlers get for pasted text; the text itself is `input`. */
export const PASTE = 'paste';
const PRIORITY: Record<Layer, number> = { modal: 3, pane: 2, screen: 1, global: 0 };

export type CommandHandlers = Record<string, ((key: string) => void) | undefined>;
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
  /** Registrations that currently receive keys, top first (everything under a modal is cut off). */
  reachable(): Registration[];
  version: number;
}

const RouterContext = createContext<RouterApi | null>(null);

export interface KeyRouterProps {
  children: React.ReactNode;
  /** Sees every key before dispatch (the shell clears its message line here). */
  onKey?: (key: string) => void;
  onUnhandled?: (key: string) => void;
}

export function KeyRouterProvider({ children, onKey, onUnhandled }: KeyRouterProps) {
  const regs = useRef(new Map<number, Registration>());
  const nextId = useRef(1);
  const [version, setVersion] = useState(0);

  const ordered = useCallback((): Registration[] => {
    const all = [...regs.current.values()].sort((a, b) => PRIORITY[b.layer] - PRIORITY[a.layer] || b.id - a.id);
    const cut = all.findIndex((r) => r.layer === 'modal');
    return cut === -1 ? all : all.filter((r) => r.layer === 'modal' && r.id === all[cut]?.id);
  }, []);

  const register = useCallback((reg: Omit<Registration, 'id'>) => {
    const id = nextId.current++;
    regs.current.set(id, { ...reg, id });
    setVersion((v) => v + 1);
    return () => {
      regs.current.delete(id);
      setVersion((v) => v + 1);
    };
  }, []);

  useInput(
    useCallback(
      (input, key) => {
        let name = keyName(input, key);
        // Several printable characters at once are a paste (or tmux send-keys): text fields take it whole.
        if (name === null && input.length > 1 && !key.ctrl && !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(input)) name = PASTE;
        if (name === null) return;
        onKey?.(name);
        const commands = commandsForKey(name);
        for (const reg of ordered()) {
          if (reg.raw.current?.(name, input)) return;
          for (const command of commands) {
            const handler = reg.handlers.current[command];
            if (handler) {
              handler(name);
              return;
            }
          }
          if (reg.layer === 'modal') return;
        }
        onUnhandled?.(name);
      },
      [ordered, onKey, onUnhandled],
    ),
  );

  const api = useMemo<RouterApi>(() => ({ register, reachable: ordered, version }), [register, ordered, version]);
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
  const { register } = useRouter();
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
}

/** The footer entries of every registration that currently receives keys, top layer first. */
export function useActiveFooter(always: string[] = []): Array<string | FooterItem> {
  const api = useRouter();
  // `version` changes whenever registrations change, so the footer follows mounts and unmounts.
  return useMemo(() => {
    const seen = new Set<string>();
    const items: Array<string | FooterItem> = [];
    const reachable = api.reachable();
    for (const reg of reachable) {
      const entries = reg.footer.current ?? Object.keys(reg.handlers.current).filter((k) => reg.handlers.current[k]);
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
