import { defineConfig } from '@playwright/test'
import type { HostKind } from './e2e/fixtures'

/**
 * Two projects run the same specs: the renderer in Debian's Chromium over `parallax serve`,
 * and the real Electron app through Playwright's `_electron` (skipped, with the reason
 * printed, where the Electron binary is not installed).
 */
export default defineConfig<{ hostKind: HostKind }>({
  testDir: 'e2e',
  timeout: 45_000,
  expect: { timeout: 7_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  use: {
    viewport: { width: 1400, height: 880 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'chromium-serve', use: { hostKind: 'serve' } },
    { name: 'electron', use: { hostKind: 'electron' } },
  ],
})
