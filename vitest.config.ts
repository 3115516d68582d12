import { defineConfig } from 'vitest/config';

// Unit and API tests of every workspace. `npm test` (scripts/test.mjs) runs this once on PGlite and,
// where PostgreSQL binaries exist, once more on a throwaway real PostgreSQL (TEST_DB=postgres).
export default defineConfig({
  test: {
    include: ['apps/**/src/**/*.test.ts', 'packages/**/src/**/*.test.ts'],
    globalSetup: ['apps/server/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
