// Edits make.conf without disturbing anything else: only the nodes that change are rewritten;
// comments, blank lines, unknown lines and the other assignments keep their exact text.
import type { AssignmentNode, MakeConfDoc, MakeConfNode } from './make-conf-types.js';
import { parseMakeConf } from './make-conf-parser.js';

/** The file text of a document (byte-identical to the input when nothing was edited). */
export function serializeMakeConf(doc: MakeConfDoc): string {
  let out = '';
  for (const node of doc.nodes) out += node.raw;
  return out;
}

/** Quotes a value for make.conf: double quotes, with `\`, `"`, `$` and backquotes escaped. */
export function quoteMakeConfValue(value: string): string {
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

function isName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

function assignmentText(name: string, value: string, exported: boolean, comment: string | null, newline: string): string {
  return `${exported ? 'export ' : ''}${name}=${quoteMakeConfValue(value)}${comment ? ` ${comment}` : ''}${newline}`;
}

function reparse(text: string, line: number): MakeConfNode {
  const node = parseMakeConf(text).nodes[0];
  if (!node) throw new Error('internal: empty assignment');
  return { ...node, line };
}

export type EditResult = { ok: true; doc: MakeConfDoc } | { ok: false; error: string };

/**
 * Sets a variable to a literal value. The last assignment of the name is rewritten (keeping
 * `export` and a trailing comment), so earlier `${NAME}` chains still evaluate; a new assignment
 * is appended when the name is not assigned yet.
 */
export function setMakeConfVariable(doc: MakeConfDoc, name: string, value: string): EditResult {
  if (!isName(name)) return { ok: false, error: `'${name}' is not a valid variable name (letters, digits and '_', not starting with a digit)` };
  const nodes = [...doc.nodes];
  let last = -1;
  for (let i = 0; i < nodes.length; i++) if (nodes[i]?.kind === 'assignment' && (nodes[i] as AssignmentNode).name === name) last = i;
  if (last >= 0) {
    const old = nodes[last] as AssignmentNode;
    const newline = /\r?\n$/.exec(old.raw)?.[0] ?? '';
    nodes[last] = reparse(assignmentText(name, value, old.exported, old.comment, newline), old.line);
    return { ok: true, doc: { nodes } };
  }
  const tail = nodes[nodes.length - 1];
  if (tail && !tail.raw.endsWith('\n')) nodes[nodes.length - 1] = { ...tail, raw: `${tail.raw}\n` } as MakeConfNode;
  const line = nodes.reduce((n, node) => n + (node.raw.match(/\n/g)?.length ?? 0), 1);
  nodes.push(reparse(assignmentText(name, value, false, null, '\n'), line));
  return { ok: true, doc: { nodes } };
}

/** Removes every assignment of the variable (comments around it stay). */
export function removeMakeConfVariable(doc: MakeConfDoc, name: string): MakeConfDoc {
  return { nodes: doc.nodes.filter((n) => !(n.kind === 'assignment' && n.name === name)) };
}

/** The assignment nodes of a variable, in file order. */
export function findAssignments(doc: MakeConfDoc, name: string): AssignmentNode[] {
  return doc.nodes.filter((n): n is AssignmentNode => n.kind === 'assignment' && n.name === name);
}
