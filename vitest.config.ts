import { defineConfig } from 'vitest/config';

// Three tiers (README: Tests):
// - fast: pure in-process code, no child process, no worker thread (CLI tests call runMain in-process);
// - process: what must start a process or a worker thread (signals, worker crashes, the real bin, --jobs);
//   it runs on dist/, compiled first;
// - e2e: pandoc and LibreOffice open every generated DOCX; skipped with a visible message where they are
//   missing, required in CI (src/cli/io.ts isCI).
// Every tier runs in a sandbox: its own temp and home folders, checked empty at the end (tests/setup/sandbox.ts).
const sandbox = 'tests/setup/sandbox.ts';
const setupFiles = ['tests/setup/temp-cleanup.ts'];
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'fast',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/process/**'],
          globalSetup: [sandbox],
          setupFiles,
          // The test files share their modules (docx, zod, yaml load once per worker, not once per file):
          // a third of the tier's time was imports. Tests keep no state in modules; spies are restored.
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'process',
          include: ['tests/process/**/*.test.ts'],
          globalSetup: [sandbox, 'tests/setup/compile.ts'],
          setupFiles,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: [sandbox, 'tests/setup/compile.ts'],
          setupFiles,
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
