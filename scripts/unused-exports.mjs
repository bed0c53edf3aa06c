// Lists exported values of src/ that no other file names: `node scripts/unused-exports.mjs` counts
// src/ and scripts/ as users (tests do not count); `--tests` counts test/ as a user too. Names are
// matched as words in the other files' text, so a hit can be a false "used" (a same-named local),
// never a false "unused"; a barrel's re-export is not a use. Types are left out (they cost nothing
// at run time).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const withTests = process.argv.includes('--tests');

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') walk(p, out);
    } else if (/\.(tsx?|mjs|js)$/.test(e.name)) out.push(p);
  }
  return out;
}

const sources = walk(path.join(root, 'src')).filter((f) => /\.tsx?$/.test(f));
const users = [...sources, ...walk(path.join(root, 'scripts')), ...(withTests ? walk(path.join(root, 'test')) : [])];
// A barrel's `export { a, b } from './x.js'` passes names on without using them: only the files that
// import them from the barrel count, so re-export statements are left out of the text searched.
const REEXPORT = /^export\s+(?:type\s+)?\{[^}]*\}\s+from\s+['"][^'"]+['"];?/gm;
const text = new Map(users.map((f) => [f, fs.readFileSync(f, 'utf8').replace(REEXPORT, '')]));

const unused = [];
for (const file of sources) {
  const sf = ts.createSourceFile(file, text.get(file), ts.ScriptTarget.Latest, true);
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    if (!mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) continue;
    const names = ts.isVariableStatement(st) ? st.declarationList.declarations.map((d) => d.name.getText(sf)) : st.name ? [st.name.getText(sf)] : [];
    for (const name of names) {
      const word = new RegExp(`\\b${name}\\b`);
      if (![...text].some(([other, t]) => other !== file && word.test(t))) unused.push(`${path.relative(root, file)}: ${name}`);
    }
  }
}
console.log(unused.join('\n'));
console.log(`${unused.length} exported value(s) of src/ named by no other file of src/, scripts/${withTests ? ' or test/' : ''}`);
