import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // CI=true would make Ink render only the last frame; the setup file clears it before Ink loads.
    setupFiles: ['test/helpers/setup-env.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on the 2-core machines. Docker
    // tests spend most of their time waiting on containers, so two workers nearly halve the run.
    maxWorkers: 2,
  },
});
