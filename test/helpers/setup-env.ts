import fc from 'fast-check';
import { inject } from 'vitest';
// Runs in every test worker before test files are imported: Ink reads CI/CONTINUOUS_INTEGRATION
// when it is first imported and would then render only the last frame.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
// The fake terminal is not a real TTY; without this the colour library would drop every colour and
// tests could not tell a coloured theme from mono.
process.env.FORCE_COLOR ??= '1';
// Every object this run's code creates lands in the run's namespace (picked by the global setup, which
// removes it all at the end), never among a person's caches and builds; CLI child processes inherit it.
process.env.GENTOO_WB_NAMESPACE = inject('namespace');
// Settings, recipes, build records and kept base facts go to the run's own folders (removed at the end),
// not the person's ~/.config, ~/.local/state, ~/.local/share and ~/.cache; a test that needs a folder of
// its own still sets one.
for (const [name, sub] of [['XDG_CONFIG_HOME', 'config'], ['XDG_STATE_HOME', 'state'], ['XDG_DATA_HOME', 'data'], ['XDG_CACHE_HOME', 'cache']] as const) {
  process.env[name] = `${inject('homes')}/${sub}`;
}

// Property tests draw from a fixed seed so a CI run is repeatable; FC_SEED=random (or a number)
// explores further by hand.
const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261123 });
