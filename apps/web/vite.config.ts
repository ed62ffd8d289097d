import { fileURLToPath } from 'node:url';
import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where `pnpm dev` sends API calls (the server `trellis start` runs). */
const API = process.env.TRELLIS_API ?? 'http://localhost:3000';

// The server checks the Origin of cookie-authenticated writes against its own; through the
// dev proxy the browser's origin is Vite's, so the proxy presents the API's origin instead.
const toApi = {
  target: API,
  changeOrigin: true,
  configure: (proxy: {
    on(event: 'proxyReq', cb: (req: { setHeader(k: string, v: string): void }) => void): void;
  }) => proxy.on('proxyReq', (req) => req.setHeader('origin', new URL(API).origin)),
};

/**
 * Multi-page build: `index.html` is the signed-in app (router, data library, Ant Design);
 * other entries (the public form page) are separate pages that share none of its weight.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@trellis/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: { app: here('./index.html'), form: here('./form.html') },
      // Ant Design's rc-component packages do not declare `sideEffects`, so the bundler kept
      // whole modules for one export (ConfigProvider's form context pulled in the form engine
      // and its validator, ~13 KB gzip, into every page). They have none at import time.
      // The spec and logic packages' sources have none either, but their validators unwrap
      // ajv's CommonJS modules at the top (a call the bundler must keep): any import of
      // @trellis/spec (a region's name in a list cell) pulled ajv, ~77 KB gzip, onto the page.
      treeshake: {
        moduleSideEffects: (id: string) =>
          /[\\/]node_modules[\\/]@rc-component[\\/]|[\\/]packages[\\/](spec|logic)[\\/]src[\\/]/.test(
            id,
          )
            ? false
            : undefined,
      },
    },
  },
  server: {
    proxy: {
      '/api': toApi,
      '/hooks': toApi,
      // GET /f/<slug> is the public form page (a Vite entry); submissions go to the server.
      '/f/': { ...toApi, bypass: (req) => (req.method === 'GET' ? req.url : undefined) },
    },
  },
});
