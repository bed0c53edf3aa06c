// Whole-text forms of core parsers for tests. The product feeds the build stream chunk by chunk,
// reads USE groups inside merge lines and writes make.conf nodes back one by one; tests hold whole texts.
import type { BuildEvent } from '../../src/core/events.js';
import { createBuildStreamParser } from '../../src/core/portage/build-stream/build-stream-parser.js';
import type { MakeConfDoc } from '../../src/core/portage/make-conf/make-conf-types.js';
import type { UseFlagState } from '../../src/core/portage/pretend/pretend-types.js';
import { readUseGroups } from '../../src/core/portage/pretend/use-string.js';

/** Events of a complete capture, pushed in one chunk and ended. */
export function parseBuildStream(text: string): BuildEvent[] {
  const parser = createBuildStreamParser();
  return [...parser.push(text), ...parser.end()];
}

/** Flags of a standalone `USE="…" ABI_X86="…"` string. */
export function parseUseString(text: string): UseFlagState[] {
  const out: UseFlagState[] = [];
  readUseGroups(text.trim(), 0, out);
  return out;
}

/** The text of a parsed make.conf: its nodes' raw text, in order. */
export function makeConfText(doc: MakeConfDoc): string {
  return doc.nodes.map((n) => n.raw).join('');
}
