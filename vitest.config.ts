import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects, run one after the other by `npm test`:
// - unit: in-process only (no child process), fast; the whole project runs in well under a minute.
// - e2e: everything that spawns a process or does real work outside our code (npm pack and
//   install, a real `cdk synth`, the SARIF multitool, the built CLI binary). Timeouts are sized
//   for a loaded 2-core machine, and its files run one at a time so they do not starve each other.
export default defineConfig({
  test: {
    // Workers are set here: per-project pool sizes are not applied (measured: 67 s with one
    // busy worker against 52 s with two). The e2e project still runs one file at a time.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          pool: 'threads',
          // Vitest's default is one worker per core minus one: a single worker on a 2-core
          // machine, which then waits on imports between files. Two overlap that wait.
          poolOptions: { threads: { maxThreads: Math.max(2, availableParallelism()), minThreads: 2 } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 600_000,
          teardownTimeout: 120_000,
        },
      },
    ],
  },
});
