import { defineConfig } from 'vitest/config';

// Three projects, one run: `npm test` adds their counts into one closing line.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'renderer/src/**/*.test.{ts,tsx}',
            'electron/**/*.test.ts',
            'tests/unit/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
          // Property tests (fast-check, hundreds of runs with WebCrypto signatures) and the ESLint and
          // digest tests take 1-2 s alone and passed 5 s on a loaded 2-core machine, failing CI by the
          // clock alone (hostile-context "on any signed JSON": 5.04 s). A hung test still fails.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One Chromium at a time: two cores, real media.
          fileParallelism: false,
        },
      },
    ],
  },
});
