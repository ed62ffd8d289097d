import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

/** A bundled browser entry: one IIFE script and the stylesheet its imports bring. */
export type BrowserBundle = { script: string; css: string };

/**
 * Bundles a browser entry of this package into one IIFE script (production React, minified
 * unless `minify: false`, for readable CPU profiles) and its CSS, for a page that chromium loads
 * with `addScriptTag` / `addStyleTag`: no dev server, nothing on disk. `development: true`
 * builds React's development mode instead (the bench's method check: what a dev server runs).
 */
export async function bundleForBrowser(
  entry: URL,
  options: { minify?: boolean; development?: boolean } = {},
): Promise<BrowserBundle> {
  const dev = options.development === true;
  const result = await build({
    configFile: false,
    // Production JSX even under vitest (which sets NODE_ENV=test, and Vite reads it).
    oxc: { jsx: { development: dev } },
    logLevel: 'warn',
    root: fileURLToPath(new URL('..', import.meta.url)),
    resolve: { conditions: ['@trellis/source', 'browser', 'module', 'import', 'default'] },
    define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
    build: {
      write: false,
      minify: options.minify ?? !dev,
      cssCodeSplit: false,
      lib: { entry: fileURLToPath(entry), formats: ['iife'], name: 'TrellisBench' },
      rolldownOptions: {
        // Ant Design marks its modules "use client"; meaningless in one browser script.
        onLog: (level, log, handler) => {
          if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
        },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = outputs.flatMap((o) => o.output);
  const chunk = files.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`No script built from ${entry.pathname}`);
  const css = files
    .filter((o) => o.type === 'asset' && o.fileName.endsWith('.css'))
    .map((o) => (o.type === 'asset' ? String(o.source) : ''))
    .join('\n');
  return { script: chunk.code, css };
}
