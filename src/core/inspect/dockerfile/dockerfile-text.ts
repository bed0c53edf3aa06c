// Writing Dockerfile syntax safely: exec-form JSON arrays (no shell), quoted ENV/LABEL values,
// and heredocs whose delimiter never occurs in the content.

/** An exec-form argument list: JSON, so nothing goes through a shell. */
export function execForm(argv: readonly string[]): string {
  return JSON.stringify(argv);
}

/**
 * A value for ENV/LABEL (and any argument BuildKit's word lexer reads): double-quoted with `\`,
 * `"` and `$` escaped (no variable expansion, no line continuation). Throws on a line break or NUL,
 * which no Dockerfile value can hold (recipe validation refuses them first).
 */
export function quoteValue(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error(`${JSON.stringify(value)} contains a line break or NUL, which a Dockerfile cannot hold`);
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** A key for ENV/LABEL: quoted unless it is a plain word. */
export function quoteKey(key: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(key) ? key : quoteValue(key);
}

/** An argument of USER/WORKDIR/VOLUME (which BuildKit expands and unquotes): bare when plain, else quoted. */
export function wordValue(value: string): string {
  return /^[A-Za-z0-9_./:@+%,=-]+$/.test(value) ? value : quoteValue(value);
}

/** VOLUME's JSON form: BuildKit lexes each item too, so items that are not plain are quoted inside. */
export function wordArray(values: readonly string[]): string {
  return JSON.stringify(values.map(wordValue));
}

/** A heredoc delimiter that no line of `content` equals. */
function heredocDelimiter(content: string, base = 'GENTOO_WB_EOF'): string {
  const lines = new Set(content.split('\n'));
  let candidate = base;
  for (let i = 2; lines.has(candidate); i++) candidate = `${base}_${i}`;
  return candidate;
}

/** `COPY <<"EOF" path` with the content verbatim (a quoted delimiter: no expansion of `${VAR}`). */
export function copyHeredoc(path: string, content: string, mode?: number): string[] {
  const delimiter = heredocDelimiter(content);
  const body = content.endsWith('\n') ? content.slice(0, -1) : content;
  const chmod = mode !== undefined && mode !== 0o644 ? ` --chmod=${mode.toString(8)}` : '';
  return [`COPY${chmod} <<"${delimiter}" ${path}`, ...body.split('\n'), delimiter];
}

/** A comment block: every line prefixed with `# `. */
export function comment(text: string): string[] {
  return text.split('\n').map((l) => (l === '' ? '#' : `# ${l}`));
}
