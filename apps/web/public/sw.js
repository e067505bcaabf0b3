// EVM Trail's service worker: keeps the app itself (index.html and the hashed /assets/*) so a
// page reloaded without a network still opens, and scans kept in IndexedDB can still be seen
// and made. It never keeps api answers (/trpc, /export, /pdf): those are always fresh.
const SHELL = 'evmtrail-shell-v1';
const INDEX = '/index.html';
/** Written by `vite build` (build.manifest): every file of the app, lazy chunks included. */
const MANIFEST = '/asset-manifest.json';

self.addEventListener('install', (event) => {
  event.waitUntil(keepApp().then(() => self.skipWaiting()));
});

async function keepApp() {
  const manifest = await (await fetch(MANIFEST, { cache: 'no-store' })).json();
  const files = new Set([INDEX]);
  for (const chunk of Object.values(manifest)) {
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(`/${file}`);
  }
  const cache = await caches.open(SHELL);
  await cache.addAll([...files]);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

/** A page: from the network when there is one (and kept), else the kept app. */
async function page(request) {
  try {
    const response = await fetch(request);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && type.startsWith('text/html')) {
      const cache = await caches.open(SHELL);
      await cache.put(INDEX, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await caches.match(INDEX, { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}

/** Hashed files never change: kept the first time they are fetched. */
async function asset(request) {
  // Hashed files are the same bytes whatever the request's headers (module scripts send Origin).
  const kept = await caches.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL);
    await cache.put(request, response.clone());
  }
  return response;
}
