// Starts the app once for the whole run; the tests read its address and the demo logins from
// the environment (Playwright passes global setup's environment on to the workers).
import { mkdirSync, rmSync } from 'node:fs';
import { startApp } from './support/app-server.ts';
import { AUTH_DIR, PAGES_DIR } from './support/paths.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  rmSync(PAGES_DIR, { recursive: true, force: true });
  mkdirSync(AUTH_DIR, { recursive: true });
  mkdirSync(PAGES_DIR, { recursive: true });
  const app = await startApp();
  process.env.E2E_APP_URL = app.baseURL;
  process.env.E2E_APP_LOGINS = JSON.stringify(app.logins);
  return () => app.stop();
}
