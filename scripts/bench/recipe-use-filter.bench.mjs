// Filtering the USE tab per keystroke over 2,000 flags with descriptions (target < 16 ms, one frame
// at 60 Hz): the filter function alone, and the whole re-render of the USE tab (the built dist/
// component in Ink, drawn into a fake 80x24 terminal) from the key arriving to the frame written.
// Baseline, measured in the same run over the same list and the same keystrokes: a plain
// Array.filter with String.includes on name and description.
import { FakeStdin, FakeStdout } from './fake-tty.mjs';

const FLAGS = 2000;
const QUERY = 'protocol support';
const ROUNDS = 5;

/** Deterministic words so every run filters the same list. */
function makeFlags() {
  const words = ['support', 'enable', 'protocol', 'library', 'compression', 'bindings', 'optional', 'encryption', 'graphical', 'network', 'documentation', 'database', 'locale', 'threads', 'python', 'server', 'client', 'codec', 'plugin', 'static'];
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const lines = [];
  for (let i = 0; i < FLAGS; i++) {
    const name = `${words[next() % words.length]}${i}`;
    const description = Array.from({ length: 6 + (next() % 8) }, () => words[next() % words.length]).join(' ');
    lines.push(`${name} - Add ${description}`);
  }
  return lines.join('\n');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** Keystrokes of one round: type the query one character at a time, then delete it again. */
function keystrokes() {
  const keys = [];
  for (let i = 1; i <= QUERY.length; i++) keys.push({ key: QUERY[i - 1], query: QUERY.slice(0, i) });
  for (let i = QUERY.length - 1; i >= 0; i--) keys.push({ key: '\x7f', query: QUERY.slice(0, i) });
  return keys;
}

export default async function bench() {
  // Ink decides at import time whether it runs in CI (and would then draw only the last frame).
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const React = (await import('react')).default;
  const { render } = await import('ink');
  const { treeFlagsFrom } = await import('../../dist/engine/repo/flag-catalogue.js');
  const { searchIndex, filterIndices } = await import('../../dist/ui/components/list/list-model.js');
  const { UseTab } = await import('../../dist/ui/screens/recipe/use-tab.js');
  const { RecipeServicesProvider } = await import('../../dist/ui/screens/recipe/recipe-context.js');
  const { WorkbenchProvider } = await import('../../dist/ui/session/workbench-context.js');
  const { createWorkbenchStore } = await import('../../dist/ui/session/workbench-store.js');
  const { KeyRouterProvider } = await import('../../dist/ui/keys/key-router.js');
  const { LookProvider } = await import('../../dist/ui/theme/theme-context.js');
  const { MONO_THEME } = await import('../../dist/core/theme.js');
  const { chooseGlyphs } = await import('../../dist/core/glyphs.js');
  const { newRecipe } = await import('../../dist/core/recipe/new-recipe.js');

  const tree = treeFlagsFrom('bench tree', makeFlags(), null);
  const flags = tree.flags;
  if (flags.length !== FLAGS) throw new Error(`expected ${FLAGS} flags, got ${flags.length}`);
  const keys = keystrokes();

  // The filter function as the list runs it: index built once per list, filter per keystroke.
  const index = searchIndex(flags, (f) => `${f.name} ${f.description}`);
  const filterTimes = [];
  const baselineTimes = [];
  let check = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const { query } of keys) {
      let t0 = performance.now();
      check += filterIndices(index, query).length;
      filterTimes.push(performance.now() - t0);
      t0 = performance.now();
      check -= flags.filter((f) => f.name.includes(query) || f.description.includes(query)).length;
      baselineTimes.push(performance.now() - t0);
    }
  }

  // The whole USE tab re-rendered per keystroke.
  const recipe = newRecipe({ name: 'bench', base: 'gentoo/stage3:amd64-openrc', packages: ['app-misc/hello'] });
  const store = createWorkbenchStore({ engine: { status: 'ready', connection: { endpoint: { host: 'unix:///bench' } } } });
  store.setRecipe(recipe, { saved: true });
  const services = { treeFlags: async () => tree, packageFlags: async () => ({ cp: '', version: null, flags: [], problem: null }) };
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const h = React.createElement;
  const tab = () => h(UseTab, { recipe: store.getState().recipe.doc, width: 80, height: 19, active: true, edit: (r) => store.setRecipe(r), ask: () => {}, notify: () => {} });
  const look = { theme: MONO_THEME, glyphs: chooseGlyphs({ LANG: 'C.UTF-8' }), mono: true, animate: false };
  const tree0 = h(LookProvider, { look }, h(WorkbenchProvider, { value: { store, services: {}, builds: {} } }, h(RecipeServicesProvider, { services }, h(KeyRouterProvider, null, h(tab)))));
  const instance = render(tree0, { stdout, stdin, stderr: stdout, debug: true, exitOnCtrlC: false, patchConsole: false });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  for (let i = 0; i < 50 && !stdout.last.includes(`${FLAGS} flags from bench tree`); i++) await settle();
  if (!stdout.last.includes(`${FLAGS} flags from bench tree`)) throw new Error('the USE tab never showed the flags');
  stdin.send('/');
  await settle();
  const renderTimes = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const { key, query } of keys) {
      const before = stdout.frames;
      const framed = new Promise((resolve) => {
        const onFrame = () => {
          if (stdout.last.includes(`/${query}`) || (query === '' && stdout.frames > before)) {
            stdout.off('frame', onFrame);
            resolve();
          }
        };
        stdout.on('frame', onFrame);
      });
      const t0 = performance.now();
      stdin.send(key);
      await framed;
      renderTimes.push(performance.now() - t0);
    }
  }
  instance.unmount();
  instance.cleanup();
  if (check === Number.MIN_SAFE_INTEGER) console.log(check);

  const base = median(baselineTimes);
  const filter = median(filterTimes);
  const draw = median(renderTimes);
  const n = `${FLAGS} flags, ${keys.length} keystrokes x ${ROUNDS}`;
  return [
    { metric: 'USE filter per keystroke (median)', value: filter, unit: 'ms', baseline: base, ratio: filter / base, target: '< 16 ms', note: `${n}; p95 ${p95(filterTimes).toFixed(3)} ms; baseline: Array.filter + includes` },
    { metric: 'USE tab re-render per keystroke (median)', value: draw, unit: 'ms', baseline: base, ratio: draw / base, target: '< 16 ms', note: `key in to 80x24 frame out (Ink, fake TTY); p95 ${p95(renderTimes).toFixed(2)} ms` },
  ];
}
