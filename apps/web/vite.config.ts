import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Same-origin api: in dev and preview, `/trpc`, `/export` and `/pdf` go to the api process.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '3001'}`;
const toApi = { target: apiTarget, changeOrigin: false };
const proxy = { '/trpc': toApi, '/export': toApi, '/pdf': toApi };

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    chunkSizeWarningLimit: 800,
    // The service worker (public/sw.js) reads it to keep every file of the app for offline use.
    manifest: 'asset-manifest.json',
    rolldownOptions: {
      // packages/shared is pure (no side effects by rule, style.md §9.2): let unused schema
      // modules drop out so zod stays out of the browser bundle unless something needs it.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]shared[\\/]src[\\/]/.test(id) },
    },
  },
});
