import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// The 100-SIGKILL crash test runs on its own (`npm run test:crash`, part of `npm test`): it takes
// a minute, prints its seed and replays one with PARALLAX_CRASH_SEED.
const CRASH_TEST = 'src/node/store/test/crash.test.ts'

export default defineConfig({
  resolve: { alias: { '@core': resolve(import.meta.dirname, 'src/core'), '@shared': resolve(import.meta.dirname, 'src/shared') } },
  test: {
    include: process.env.PARALLAX_CRASH_ONLY ? [CRASH_TEST] : ['src/**/*.test.ts'],
    exclude: process.env.PARALLAX_CRASH_ONLY ? [] : [CRASH_TEST, '**/node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
})
