// Command ids are checked by the compiler: handlers under an id no key list declares do not
// typecheck (npm test runs tsc over test/, which fails if the @ts-expect-error below is not needed),
// and every declared id has its one binding at run time.
import { describe, expect, it } from 'vitest';
import { APP_KEYMAP, type CommandId } from '../../../src/ui/app/keymap.js';
import type { CommandHandlers } from '../../../src/ui/keys/key-router.js';

describe('command ids', () => {
  it('are the ids of the key lists, each with one binding', () => {
    const ids: CommandId[] = APP_KEYMAP.bindings.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(APP_KEYMAP.binding(id).id).toBe(id);
  });

  it('a mistyped id fails to compile, and fails at run time too', () => {
    const right: CommandHandlers = { 'result.tag': () => undefined };
    // @ts-expect-error 'result.tagg' is no command id.
    const typo: CommandHandlers = { 'result.tagg': () => undefined };
    expect(Object.keys(right).map((id) => APP_KEYMAP.binding(id).label)).toEqual(['tag']);
    expect(() => Object.keys(typo).map((id) => APP_KEYMAP.binding(id))).toThrow(/no command "result.tagg"/);
  });
});
