// A keymap: the lookups the key router, the footer and the help overlay make in one list of bindings.
// Which bindings the app has is the app's business (src/ui/app/keymap.ts); this file knows none of them.
import type { KeyBinding } from './key-binding.js';

/** `B` keeps the bindings' literal ids for whoever made the keymap; readers just see `KeyBinding`s. */
export interface Keymap<B extends KeyBinding = KeyBinding> {
  readonly bindings: readonly B[];
  /** Command ids bound to a key name, in table order. */
  commandsForKey(key: string): readonly string[];
  /** The binding of a command id; throws on unknown ids so they fail in tests, not in front of users. */
  binding(id: string): KeyBinding;
}

export function makeKeymap<B extends KeyBinding>(bindings: readonly B[]): Keymap<B> {
  const byKey = new Map<string, string[]>();
  for (const b of bindings) {
    for (const key of b.keys) byKey.set(key, [...(byKey.get(key) ?? []), b.id]);
  }
  const byId = new Map(bindings.map((b) => [b.id, b]));
  return {
    bindings,
    commandsForKey: (key) => byKey.get(key) ?? [],
    binding(id) {
      const found = byId.get(id);
      if (!found) throw new Error(`keymap has no command "${id}"`);
      return found;
    },
  };
}
