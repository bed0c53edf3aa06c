// useCommands as a component. The key router reads a registration's footer when it registers, so
// a footer that changes with state (End follow, n/N) must register again: render this with
// `key={footerKey(footer)}` and it does.
import type { CommandHandlers, FooterItem, Layer } from '../../keys/key-router.js';
import { useCommands } from '../../keys/key-router.js';

export interface CommandsProps {
  layer: Layer;
  handlers: CommandHandlers;
  footer: Array<string | FooterItem>;
  active?: boolean;
}

export function Commands({ layer, handlers, footer, active = true }: CommandsProps) {
  useCommands(layer, handlers, { footer, active });
  return null;
}

/** A key that changes whenever the footer does. */
export function footerKey(footer: ReadonlyArray<string | FooterItem>): string {
  return footer.map((f) => (typeof f === 'string' ? f : `${f.keys} ${f.label}`)).join('|');
}
