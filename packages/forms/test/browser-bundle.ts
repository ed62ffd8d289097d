import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

/**
 * Bundles a browser entry of this package into one IIFE script (production React, minified),
 * for a page that chromium loads with `addScriptTag`: no dev server, nothing on disk.
 */
export async function bundleForBrowser(entry: URL): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    root: fileURLToPath(new URL('..', import.meta.url)),
    resolve: { conditions: ['@trellis/source', 'browser', 'module', 'import', 'default'] },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      lib: { entry: fileURLToPath(entry), formats: ['iife'], name: 'TrellisBench' },
      rolldownOptions: {
        output: { inlineDynamicImports: true },
        // Ant Design marks its modules "use client"; meaningless in one browser script.
        onLog: (level, log, handler) => {
          if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
        },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`No script built from ${entry.pathname}`);
  return chunk.code;
}
