import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { i18n } from '../src/i18n';
import { calls, server } from './msw';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  localStorage.clear();
  // A fresh, empty IndexedDB for each test (the scan outbox lives there).
  globalThis.indexedDB = new IDBFactory();
  window.history.replaceState(null, '', '/');
  await i18n.changeLanguage('en');
  calls.length = 0;
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
