// E2E smoke: the user's own start command (scripts/start.mjs: demo seed on a fresh PGlite, the api
// serving the built web app) driven in Debian's chromium. Run after `vite build`:
// `pnpm --filter @evmtrail/web e2e`. Screenshots go to e2e/out/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_DIR = join(WEB_DIR, '..', '..');
const OUT_DIR = join(WEB_DIR, 'e2e', 'out');
const API_READY = 'EVM Trail api ready';
const LOGIN_LINE = /^ {2}(\S+) \/ (\S+)\s+\((.+)\)\s*$/;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const STEP_TIMEOUT_MS = 30_000;

const children = [];
let dataDir = null;
let browser = null;

function log(message) {
  process.stdout.write(`[e2e] ${message}\n`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts a child in its own process group so that cleanup can stop it and its children. */
function start(name, command, args, options) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { name, child, output: '', exited: false };
  child.stdout.on('data', (d) => { entry.output += d.toString(); });
  child.stderr.on('data', (d) => { entry.output += d.toString(); });
  child.on('exit', (code, signal) => {
    entry.exited = true;
    entry.exitInfo = signal ?? `code ${code}`;
  });
  children.push(entry);
  return entry;
}

async function waitFor(what, check, timeoutMs, entry) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    if (entry?.exited) throw new Error(`${entry.name} exited (${entry.exitInfo}) before ${what}:\n${entry.output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${entry ? `:\n${entry.output.slice(-3000)}` : ''}`);
}

function parseLogins(output) {
  const logins = new Map();
  for (const line of output.split('\n')) {
    const m = LOGIN_LINE.exec(line);
    if (m) logins.set(m[1], { password: m[2], detail: m[3] });
  }
  return logins;
}

async function stopAll() {
  if (browser) await browser.close().catch(() => {});
  for (const entry of children.reverse()) {
    if (entry.exited) continue;
    try { process.kill(-entry.child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const deadline = Date.now() + 8000;
    while (!entry.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!entry.exited) {
      try { process.kill(-entry.child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

/** `pnpm start` as a user runs it, on a fresh data folder and a free port, reusing the build. */
async function startApp() {
  dataDir = mkdtempSync(join(tmpdir(), 'evmtrail-e2e-'));
  const port = await freePort();
  const env = { ...process.env, PGLITE_DATA_DIR: join(dataDir, 'pglite'), PORT: String(port), START_SKIP_BUILD: '1' };
  delete env.DATABASE_URL;
  const app = start('pnpm start', 'node', [join(REPO_DIR, 'scripts', 'start.mjs')], { cwd: REPO_DIR, env });
  await waitFor(`"${API_READY}"`, () => app.output.includes(API_READY), 600_000, app);
  const login = await waitFor('the login line for deo.pune', () => parseLogins(app.output).get('deo.pune'), 10_000, app);
  log(`app ready on port ${port}; deo.pune (${login.detail})`);
  return { base: `http://127.0.0.1:${port}`, password: login.password };
}

/** Console errors other than failed tile loads fail the run. */
function watchConsole(page, errors) {
  const tileUrl = process.env.VITE_TILE_URL ?? '';
  const tileOrigin = tileUrl ? new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).origin : null;
  function isTileFailure(msg) {
    const url = msg.location()?.url ?? '';
    return /Failed to load resource/.test(msg.text()) && ((tileOrigin && url.startsWith(tileOrigin)) || /\btiles?\b/i.test(url));
  }
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !isTileFailure(msg)) errors.push(`console: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
}

async function step(name, page, errors, fn, { fullPage = true } = {}) {
  const started = Date.now();
  try {
    await fn();
  } catch (e) {
    await page.screenshot({ path: join(OUT_DIR, `failed-${name}.png`), fullPage: true }).catch(() => {});
    throw new Error(`step "${name}" failed: ${e.message}`);
  }
  if (errors.length > 0) throw new Error(`step "${name}" logged errors:\n  ${errors.join('\n  ')}`);
  // Let layout ask for any web font it needs (bold Devanagari after a switch), then wait for it.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`), fullPage });
  log(`ok  ${name} (${Date.now() - started} ms)`);
}

async function run() {
  mkdirSync(OUT_DIR, { recursive: true });
  // E2E_BASE_URL + E2E_PASSWORD reuse an app that is already running (for local debugging).
  const reuse = process.env.E2E_BASE_URL && process.env.E2E_PASSWORD;
  const { base, password } = reuse
    ? { base: process.env.E2E_BASE_URL, password: process.env.E2E_PASSWORD }
    : await startApp();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const errors = [];
  watchConsole(page, errors);
  const main = page.locator('main');

  await step('01-sign-in', page, errors, async () => {
    await page.goto(base);
    await page.getByRole('form', { name: 'EVM Trail' }).waitFor();
  });

  await step('02-dashboard', page, errors, async () => {
    await page.getByLabel('Username').fill('deo.pune');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const segments = page.locator('figure.chart rect.chart-segment');
    await segments.first().waitFor();
    log(`    chart has ${await segments.count()} segments`);
  });

  let serial = '';
  await step('03-units', page, errors, async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Units' }).click();
    const rows = page.getByRole('table', { name: 'Units' }).locator('tbody tr');
    await rows.first().waitFor();
    const firstPage = await rows.count();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('main table tbody tr').length > n, firstPage);
    serial = (await rows.last().locator('td').first().innerText()).trim();
    if (!serial) throw new Error('the units table shows no serial');
    // A prefix that the rows already on screen do not all match, so the wait below proves the search ran.
    const prefix = serial.slice(0, -1);
    const searched = page.waitForResponse((r) => r.url().includes('unit.list') && decodeURIComponent(r.url()).includes(`"serialPrefix":"${prefix}"`));
    await page.getByRole('searchbox', { name: 'Serial number' }).fill(prefix);
    await searched;
    await page.waitForFunction(
      (p) => {
        const cells = [...document.querySelectorAll('main table tbody tr td:first-child')];
        return cells.length > 0 && cells.length <= 10 && cells.every((c) => c.textContent.trim().startsWith(p));
      },
      prefix,
    );
    log(`    ${firstPage} rows, Load more gave more; searched "${prefix}", opening ${serial}`);
  });

  await step('04-unit', page, errors, async () => {
    await page.getByRole('searchbox', { name: 'Serial number' }).fill(serial);
    await page.getByRole('searchbox', { name: 'Serial number' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: serial }).waitFor();
    const banner = page.getByTestId('verify-banner');
    await banner.waitFor();
    if ((await banner.getAttribute('data-verified')) !== 'true') throw new Error(`not verified: ${await banner.innerText()}`);
    const text = await banner.locator('strong').innerText();
    if (!text.includes('Verified in this browser against signed checkpoint')) throw new Error(`banner says: ${text}`);
    log(`    ${text}; ${await page.locator('.timeline-item').count()} timeline entries`);
  });

  await step('05-map', page, errors, async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Map' }).click();
    await page.locator('.leaflet-container').waitFor();
    await page.locator('.cluster-icon, .facility').first().waitFor();
    const clusters = await page.locator('.cluster-icon').count();
    const facilities = await page.locator('.facility').count();
    if (clusters + facilities === 0) throw new Error('no markers on the map');
    log(`    ${clusters} clusters, ${facilities} warehouses/strongrooms/halls`);
  });

  await step('05b-map-zoomed', page, errors, async () => {
    const before = await page.locator('.cluster-icon').count();
    const biggest = page.locator('.cluster-icon').first();
    await biggest.click();
    await page.waitForTimeout(1500);
    await page.locator('.leaflet-container').hover({ position: { x: 20, y: 300 } });
    log(`    clusters ${before} -> ${await page.locator('.cluster-icon').count()} after zooming into one`);
  });

  await step('06-custody-log', page, errors, async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Custody log' }).click();
    await main.locator('pre.note').waitFor();
  });

  await step('07-hindi', page, errors, async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('figure.chart rect.chart-segment').first().waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'हिन्दी' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'डैशबोर्ड' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'डैशबोर्ड' }).waitFor();
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'hi') throw new Error(`<html lang> is "${lang}"`);
  });

  await step('08-phone-hindi', page, errors, async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('navigation').getByRole('link', { name: 'यूनिट' }).click();
    await page.getByRole('table', { name: 'यूनिट' }).waitFor();
  }, { fullPage: false });
}

let failed = false;
process.on('SIGINT', () => {
  void stopAll().then(() => process.exit(130));
});
try {
  await run();
  log('smoke passed');
} catch (e) {
  failed = true;
  process.stderr.write(`[e2e] FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
} finally {
  await stopAll();
}
process.exit(failed ? 1 : 0);
