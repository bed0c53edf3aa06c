// Lint rules, including the house layering: core is pure, engine never draws, imports point down.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const effectModules = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process',
  'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'os', 'node:os',
  'dockerode', 'conf', 'tar-stream',
];
const uiModules = ['react', 'ink', 'ink-select-input', '@xterm/headless'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/**/rootfs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        setImmediate: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly',
        performance: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly',
        structuredClone: 'readonly', queueMicrotask: 'readonly', fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...effectModules, ...uiModules].map((name) => ({ name, message: 'src/core is pure: no I/O, no React.' })),
        patterns: [{ group: ['**/engine/**', '**/ui/**', '**/commands/**', '../engine*', '../ui*'], message: 'src/core imports nothing outside core.' }],
      }],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: uiModules.filter((m) => m !== '@xterm/headless').map((name) => ({ name, message: 'src/engine never draws: no React/Ink.' })),
        patterns: [{ group: ['**/ui/**', '**/commands/**'], message: 'src/engine may import core only.' }],
      }],
    },
  },
  {
    files: ['src/commands/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/ui/**'], message: 'Headless commands share core and engine with the TUI, never its components.' }],
      }],
    },
  },
  {
    // Inside src/ui: components are the reusable floor; the shell (app), the screens and the session sit above them.
    files: ['src/ui/components/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(\\.\\./)+(screens|session|app)(/|$)', message: 'src/ui/components never import the app shell, the screens or the session: move the shared piece down, or the component up into src/ui/app/.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
