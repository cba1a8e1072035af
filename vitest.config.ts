import { defineConfig } from 'vitest/config';

// Two tiers: `fast` (pure JS, seconds) and `e2e` (pandoc and LibreOffice open every generated DOCX).
// The e2e tier skips with a visible message where those programs are missing, and fails under CI=true.
export default defineConfig({
  test: {
    globalSetup: ['tests/setup/compile.ts'],
    projects: [
      { test: { name: 'fast', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**'], testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
