// The test object every spec uses. It adds:
// - `user`: the demo login a test runs as (`test.use({ user: 'observer.pune' })`); each user
//   signs in once (sign-in.setup.ts) and the tests reuse that browser state;
// - `look(name)`: axe-core on the page as it is now (no serious or critical violation allowed)
//   and a screenshot into e2e/out/pages/;
// - a watch on every test: no console error or page error, nothing fetched from outside the app,
//   and every path the page visited was checked with `look`.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { authFile, PAGES_DIR } from './paths.ts';

/** The demo logins the tests use (seed/README.md lists them all). */
export const DEMO_USERS = [
  'deo.pune',
  'ceo.mh',
  'warehouse.pune',
  'engineer.bel',
  'ro.ac210',
  'sector.ac210',
  'observer.pune',
  'deo.mumbai',
  'ro.ac211',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

interface Options {
  /** Who is signed in; null for a signed-out browser. */
  readonly user: DemoUser | null;
  /** Console errors this test expects (a refused request logs its HTTP status, for one). */
  readonly expectedConsoleErrors: readonly RegExp[];
  /** Whether every path visited must have been checked with `look` (off only for signing in). */
  readonly lookAtEveryPage: boolean;
}

interface Fixtures {
  look: (name: string) => Promise<void>;
  watch: PageWatch;
}

interface PageWatch {
  readonly errors: string[];
  readonly offsite: string[];
  readonly visited: Set<string>;
  readonly checked: Set<string>;
}

export function appUrl(): string {
  const url = process.env.E2E_APP_URL;
  if (!url) throw new Error('E2E_APP_URL is not set: run through playwright.config.ts (global setup starts the app)');
  return url;
}

export function passwordOf(user: string): string {
  const logins = JSON.parse(process.env.E2E_APP_LOGINS ?? '{}') as Record<string, string>;
  const password = logins[user];
  if (!password) throw new Error(`The app printed no demo login for ${user}`);
  return password;
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

const AXE_BLOCKING = new Set(['serious', 'critical']);

async function checkAccessibility(page: Page, name: string): Promise<void> {
  // A toast fading in or out is half transparent, and axe would judge its contrast mid-fade: check
  // toasts only once they stand at full opacity (or are gone).
  await page.waitForFunction(() => [...document.querySelectorAll('[data-sonner-toast]')]
    .every((toast) => getComputedStyle(toast).opacity === '1'), undefined, { timeout: 10_000 }).catch(() => undefined);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((v) => AXE_BLOCKING.has(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(blocking, `axe-core on "${name}" (${page.url()})`).toEqual([]);
}

export const test = base.extend<Options & Fixtures>({
  user: [null, { option: true }],
  expectedConsoleErrors: [[], { option: true }],
  lookAtEveryPage: [true, { option: true }],
  // The app's address is known only once global setup has started it.
  baseURL: async ({ baseURL: _fromConfig }, use) => {
    await use(appUrl());
  },
  storageState: async ({ user, storageState }, use) => {
    await use(user === null ? storageState : authFile(user));
  },

  watch: [
    async ({ page, expectedConsoleErrors, lookAtEveryPage }, use, testInfo) => {
      const watch: PageWatch = { errors: [], offsite: [], visited: new Set(), checked: new Set() };
      const origin = new URL(appUrl()).origin;
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = `${msg.text()} (${msg.location().url})`;
        if (!expectedConsoleErrors.some((re) => re.test(text))) watch.errors.push(text);
      });
      page.on('pageerror', (err) => watch.errors.push(`page error: ${err.message}`));
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url().startsWith(origin)) watch.visited.add(pathOf(frame.url()));
      });
      // The app fetches nothing from the internet (no tiles unless VITE_TILE_URL names a server).
      await page.context().route(
        (url) => url.origin !== origin,
        async (route) => {
          watch.offsite.push(route.request().url());
          await route.abort('blockedbyclient');
        },
      );
      await use(watch);
      if (testInfo.status !== testInfo.expectedStatus) return;
      expect(watch.errors, 'console errors').toEqual([]);
      expect(watch.offsite, 'requests outside the app').toEqual([]);
      const unchecked = lookAtEveryPage ? [...watch.visited].filter((p) => !watch.checked.has(p)) : [];
      expect(unchecked, 'pages visited but never checked with look()').toEqual([]);
    },
    { auto: true },
  ],

  look: async ({ page, watch }, use, testInfo) => {
    await use(async (name: string) => {
      // Let layout ask for any web font it needs (Devanagari after a switch), then wait for it.
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
      await checkAccessibility(page, name);
      watch.checked.add(pathOf(page.url()));
      await page.screenshot({ path: join(PAGES_DIR, `${testInfo.project.name}-${name}.png`), fullPage: true });
    });
  },
});

export { expect };
