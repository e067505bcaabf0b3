// Real-browser tests: Debian's chromium (Playwright cannot download browsers here) driving the
// app as `pnpm start` runs it. Run after `vite build`: `pnpm --filter @evmtrail/web e2e`, or
// `pnpm turbo run e2e`, which builds first. See e2e/README.md.
import { defineConfig, type LaunchOptions } from '@playwright/test';
import { join } from 'node:path';
import { OUT_DIR, REPO_DIR } from './e2e/support/paths.ts';

const launchOptions: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  outputDir: join(OUT_DIR, 'test-results'),
  globalSetup: './e2e/global-setup.ts',
  // Two shared cores: one app, two browsers at most, generous waits, no retries to hide flakes.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['json', { outputFile: join(REPO_DIR, '.test-results', 'e2e.json') }]],
  use: {
    launchOptions,
    locale: 'en-IN',
    timezoneId: 'Asia/Kolkata',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
  },
  projects: [
    { name: 'sign-in', testMatch: /sign-in\.setup\.ts/, use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'desktop',
      dependencies: ['sign-in'],
      testMatch: /\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      // The field roles (warehouse staff, sector and presiding officers) work from a phone.
      name: 'phone',
      dependencies: ['sign-in'],
      testMatch: /\.spec\.ts$/,
      grep: /@field/,
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
  ],
});
